import type { S3Client } from '@aws-sdk/client-s3';
import type { CreateLabelingJobRequest, SageMakerClient } from '@aws-sdk/client-sagemaker';
import { describe, expectTypeOf, it } from 'vitest';
import type {
  CreateLabelingJobRequestLike,
  LabelingJobService,
  ObjectStore,
  S3ObjectStore,
  S3ObjectStoreOptions,
  SageMakerLabelingJobs,
  SageMakerLabelingJobsOptions,
  TaskType,
} from '../../src/ground-truth/index.js';

describe('aws-ml-kit/ground-truth types', () => {
  it('plans requests the SDK command accepts without a cast', () => {
    expectTypeOf<CreateLabelingJobRequestLike>().toExtend<CreateLabelingJobRequest>();
  });

  it('takes client or clientConfig, never both', () => {
    expectTypeOf<{ client: SageMakerClient }>().toExtend<SageMakerLabelingJobsOptions>();
    expectTypeOf<{ clientConfig: { region: string } }>().toExtend<SageMakerLabelingJobsOptions>();
    expectTypeOf<{
      client: SageMakerClient;
      clientConfig: { region: string };
    }>().not.toExtend<SageMakerLabelingJobsOptions>();
    expectTypeOf<{ client: S3Client }>().toExtend<S3ObjectStoreOptions>();
  });

  it('adapters implement the interfaces the chain runs on', () => {
    expectTypeOf<SageMakerLabelingJobs>().toExtend<LabelingJobService>();
    expectTypeOf<S3ObjectStore>().toExtend<ObjectStore>();
  });

  it('names task types by their Lambda suffix', () => {
    expectTypeOf<'3DPointCloudObjectTracking'>().toExtend<TaskType>();
    expectTypeOf<'Sketch'>().not.toExtend<TaskType>();
  });
});
