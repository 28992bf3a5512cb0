import { CreateLabelingJobCommand, DescribeLabelingJobCommand } from '@aws-sdk/client-sagemaker';
import { afterEach, describe, expect, it } from 'vitest';
import type { CreateLabelingJobRequestLike } from '../../../src/ground-truth/index.js';
import { isServiceError } from '../../../src/kit/errors.js';
import { type Harness, originalPlan, startHarness } from './harness.js';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

function vehicleRequest(): CreateLabelingJobRequestLike {
  return structuredClone(originalPlan().levels[0]!.jobs[0]!.request);
}

async function rejectionOf(request: CreateLabelingJobRequestLike): Promise<{ name: string; message: string }> {
  try {
    await harness!.sagemaker.send(new CreateLabelingJobCommand(request as never));
  } catch (error) {
    return { name: (error as Error).name, message: (error as Error).message };
  }
  throw new Error('expected a rejection');
}

describe('SageMakerLabelingStandIn validates CreateLabelingJob as the service documents', () => {
  it('accepts the planned request and describes it through the real SDK client', async () => {
    harness = await startHarness();
    const out = await harness.sagemaker.send(new CreateLabelingJobCommand(vehicleRequest() as never));
    expect(out.LabelingJobArn).toBe('arn:aws:sagemaker:us-west-2:123456789012:labeling-job/nb-track-823f6d3e-vehicle');
    const described = await harness.sagemaker.send(
      new DescribeLabelingJobCommand({ LabelingJobName: 'nb-track-823f6d3e-vehicle' }),
    );
    expect(described.LabelingJobStatus).toBe('InProgress');
    expect(described.CreationTime).toBeInstanceOf(Date);
  });

  it('rejects a name used before, regardless of case (ResourceInUse)', async () => {
    harness = await startHarness();
    await harness.sagemaker.send(new CreateLabelingJobCommand(vehicleRequest() as never));
    const again = { ...vehicleRequest(), LabelingJobName: 'NB-TRACK-823F6D3E-VEHICLE' };
    expect((await rejectionOf(again)).name).toBe('ResourceInUse');
    const error = await harness.service.create(again).catch((e: unknown) => e);
    expect(isServiceError(error) && error.errorName).toBe('ResourceInUse');
  });

  it('rejects names that break the pattern, the -ref rule, reserved attributes and ARNs of another region', async () => {
    harness = await startHarness();
    const cases: [string, (r: CreateLabelingJobRequestLike) => void, RegExp][] = [
      ['name', (r) => (r.LabelingJobName = 'bad_name'), /LabelingJobName/],
      ['no -ref for video', (r) => (r.LabelAttributeName = 'vehicles'), /must end in -ref/],
      ['-metadata', (r) => (r.LabelAttributeName = 'vehicles-metadata'), /-metadata/],
      [
        'region',
        (r) =>
          (r.HumanTaskConfig.PreHumanTaskLambdaArn = r.HumanTaskConfig.PreHumanTaskLambdaArn.replace(
            'us-west-2',
            'us-east-1',
          )),
        /region us-west-2/,
      ],
      [
        'UI region',
        (r) =>
          (r.HumanTaskConfig.UiConfig.HumanTaskUiArn =
            'arn:aws:sagemaker:eu-west-1:394669845002:human-task-ui/VideoObjectTracking'),
        /HumanTaskUiArn/,
      ],
      ['31 days', (r) => (r.HumanTaskConfig.TaskTimeLimitInSeconds = 31 * 86_400), /TaskTimeLimitInSeconds/],
    ];
    for (const [, mutate, message] of cases) {
      const request = vehicleRequest();
      mutate(request);
      const rejection = await rejectionOf(request);
      expect(rejection.name).toBe('ValidationException');
      expect(rejection.message).toMatch(message);
    }
    const od = vehicleRequest();
    od.HumanTaskConfig.PreHumanTaskLambdaArn = od.HumanTaskConfig.PreHumanTaskLambdaArn.replace(
      'VideoObjectTracking',
      '3DPointCloudObjectDetection',
    );
    expect((await rejectionOf(od)).message).toMatch(/must not end in -ref/);
    expect(harness.standIn.jobs()).toEqual([]);
  });

  it('answers ResourceNotFound for an unknown job, which the adapter reports as NOT_FOUND', async () => {
    harness = await startHarness();
    const error = await harness.service.describe('nobody').catch((e: unknown) => e);
    expect(isServiceError(error) && [error.code, error.errorName]).toEqual(['NOT_FOUND', 'ResourceNotFound']);
  });

  it('fails a job whose input manifest does not exist', async () => {
    harness = await startHarness({ script: () => ({ statuses: ['Completed'] }) });
    const request = vehicleRequest();
    request.InputConfig.DataSource.S3DataSource.ManifestS3Uri = 's3://input-bucket/missing.manifest';
    await harness.service.create(request);
    const described = await harness.service.describe(request.LabelingJobName);
    expect([described.status, described.failureReason]).toEqual([
      'Failed',
      'ClientError: the input manifest could not be read.',
    ]);
  });
});
