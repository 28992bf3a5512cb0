import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import {
  CreateLabelingJobCommand,
  DescribeLabelingJobCommand,
  SageMakerClient,
  StopLabelingJobCommand,
} from '@aws-sdk/client-sagemaker';
import { SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { mockClient } from 'aws-sdk-client-mock';
import { describe, expect, it } from 'vitest';
import {
  InMemoryObjectStore,
  isObjectNotFoundError,
  planLabelingChain,
  S3ObjectStore,
  SageMakerLabelingJobs,
  startStepFunctionsChain,
} from '../../../src/ground-truth/index.js';
import { isResponseShapeError, isServiceError, isValidationError } from '../../../src/kit/errors.js';
import { expectNoSentinel, recordingLogger, SENTINEL } from '../../helpers/sentinel.js';

const REQUEST = planLabelingChain({
  batchId: 'b',
  region: 'us-west-2',
  roleArn: 'arn:aws:iam::111122223333:role/r',
  outputS3Uri: 's3://out-bucket',
  defaults: { workteamArn: 'arn:aws:sagemaker:us-west-2:111122223333:workteam/private-crowd/t' },
  jobs: [
    {
      id: 'j',
      level: 1,
      taskType: 'VideoObjectTracking',
      input: { manifestS3Uri: 's3://in-bucket/m' },
      labelCategoryConfig: { labels: [{ label: 'Car' }] },
    },
  ],
});

describe('SageMakerLabelingJobs (send level)', () => {
  it('sends the planned request unchanged, plus sdkOptions', async () => {
    const sm = mockClient(SageMakerClient);
    sm.on(CreateLabelingJobCommand).resolves({ LabelingJobArn: 'arn:job' });
    const service = new SageMakerLabelingJobs({ client: new SageMakerClient({}), sdkOptions: { Tags: [] } });
    const request = REQUEST.levels[0]!.jobs[0]!.request;
    expect(await service.create(request)).toEqual({ arn: 'arn:job' });
    expect(sm).toHaveReceivedCommandWith(CreateLabelingJobCommand, { ...request });
  });

  it('reads DescribeLabelingJob into the chain fields and rejects an unknown status', async () => {
    const sm = mockClient(SageMakerClient);
    const created = new Date('2026-01-01T00:00:00Z');
    sm.on(DescribeLabelingJobCommand)
      .resolvesOnce({
        LabelingJobName: 'b-j',
        LabelingJobStatus: 'Completed',
        LabelCounters: { TotalLabeled: 3, HumanLabeled: 2 },
        LabelingJobOutput: { OutputDatasetS3Uri: 's3://out/manifest', FinalActiveLearningModelArn: undefined },
        LabelAttributeName: 'b-j-ref',
        InputConfig: { DataSource: { S3DataSource: { ManifestS3Uri: 's3://in/m' } } },
        CreationTime: created,
        FailureReason: undefined,
      } as never)
      .resolvesOnce({ LabelingJobStatus: 'Exploded' } as never);
    const service = new SageMakerLabelingJobs({ client: new SageMakerClient({}) });
    expect(await service.describe('b-j')).toEqual({
      name: 'b-j',
      status: 'Completed',
      labelCounters: { totalLabeled: 3, humanLabeled: 2, machineLabeled: 0, failedNonRetryableError: 0, unlabeled: 0 },
      outputDatasetS3Uri: 's3://out/manifest',
      labelAttributeName: 'b-j-ref',
      inputManifestS3Uri: 's3://in/m',
      createdAtMs: created.getTime(),
    });
    expect(isResponseShapeError(await service.describe('b-j').catch((e: unknown) => e))).toBe(true);
  });

  it('stops jobs and wraps service errors without their messages', async () => {
    const sm = mockClient(SageMakerClient);
    sm.on(StopLabelingJobCommand).resolves({});
    sm.on(CreateLabelingJobCommand).rejects(
      Object.assign(new Error(`bad ${SENTINEL}`), {
        name: 'ResourceLimitExceeded',
        $metadata: { httpStatusCode: 400 },
      }),
    );
    const logger = recordingLogger();
    const service = new SageMakerLabelingJobs({ client: new SageMakerClient({}), logger });
    await service.stop('b-j');
    expect(sm).toHaveReceivedCommandWith(StopLabelingJobCommand, { LabelingJobName: 'b-j' });
    const error = await service.create(REQUEST.levels[0]!.jobs[0]!.request).catch((e: unknown) => e);
    expect(isServiceError(error) && error.errorName).toBe('ResourceLimitExceeded');
    expectNoSentinel(logger.lines, error);
  });

  it('refuses client and clientConfig together, and creates and destroys its own client', () => {
    expect(() => new SageMakerLabelingJobs({ client: new SageMakerClient({}), clientConfig: {} } as never)).toThrow(
      /either client or clientConfig/,
    );
    const own = new SageMakerLabelingJobs({ clientConfig: { region: 'us-west-2' } });
    own.destroy();
  });
});

describe('S3ObjectStore (send level)', () => {
  it('puts and gets objects by s3:// URI', async () => {
    const s3 = mockClient(S3Client);
    s3.on(PutObjectCommand).resolves({});
    s3.on(GetObjectCommand).resolves({
      Body: (async function* () {
        yield new TextEncoder().encode('he');
        yield new TextEncoder().encode('llo');
      })() as never,
    });
    const store = new S3ObjectStore({ client: new S3Client({}) });
    await store.put('s3://bucket-a/dir/key.json', '{}', { contentType: 'application/json' });
    expect(s3).toHaveReceivedCommandWith(PutObjectCommand, {
      Bucket: 'bucket-a',
      Key: 'dir/key.json',
      ContentType: 'application/json',
    });
    expect(new TextDecoder().decode(await store.get('s3://bucket-a/dir/key.json'))).toBe('hello');
  });

  it('maps NoSuchKey to ObjectNotFoundError and refuses a body that is not a stream', async () => {
    const s3 = mockClient(S3Client);
    s3.on(GetObjectCommand)
      .rejectsOnce(Object.assign(new Error('no'), { name: 'NoSuchKey', $metadata: { httpStatusCode: 404 } }))
      .resolvesOnce({});
    const store = new S3ObjectStore({ client: new S3Client({}) });
    expect(isObjectNotFoundError(await store.get('s3://bucket-a/missing').catch((e: unknown) => e))).toBe(true);
    expect(isResponseShapeError(await store.get('s3://bucket-a/k').catch((e: unknown) => e))).toBe(true);
    expect(isValidationError(await store.get('not-a-uri').catch((e: unknown) => e))).toBe(true);
  });
});

describe('S3ObjectStore.stream', () => {
  it('closes the response body when the reader stops early or the read is aborted', async () => {
    const s3 = mockClient(S3Client);
    let closed = 0;
    const body = () => ({
      [Symbol.asyncIterator]() {
        return {
          next: (): Promise<IteratorResult<Uint8Array>> =>
            Promise.resolve({ done: false, value: new TextEncoder().encode('x') }),
          return: (): Promise<IteratorResult<Uint8Array>> => {
            closed++;
            return Promise.resolve({ done: true, value: undefined });
          },
        };
      },
    });
    s3.on(GetObjectCommand).callsFake(() => ({ Body: body() }));
    const store = new S3ObjectStore({ client: new S3Client({}) });
    for await (const _ of store.stream('s3://bucket-a/k')) break;
    expect(closed).toBe(1);
    const controller = new AbortController();
    const read = (async () => {
      for await (const _ of store.stream('s3://bucket-a/k', { signal: controller.signal })) controller.abort();
    })();
    await expect(read).rejects.toThrow();
    expect(closed).toBe(2);
  });
});

describe('startStepFunctionsChain (send level)', () => {
  it('writes the label category files, then starts the execution', async () => {
    const sfn = mockClient(SFNClient);
    sfn
      .on(StartExecutionCommand)
      .resolves({ executionArn: 'arn:aws:states:us-west-2:1:execution:m:b', startDate: new Date() });
    const objects = new InMemoryObjectStore();
    const out = await startStepFunctionsChain(REQUEST, {
      client: new SFNClient({}),
      stateMachineArn: 'arn:aws:states:us-west-2:111122223333:stateMachine:m',
      objects,
    });
    expect(out.executionArn).toBe('arn:aws:states:us-west-2:1:execution:m:b');
    expect(objects.uris()).toEqual([REQUEST.levels[0]!.jobs[0]!.request.LabelCategoryConfigS3Uri]);
    expect(sfn).toHaveReceivedCommandWith(StartExecutionCommand, { name: 'b', input: '{"batchId":"b"}' });
    await expect(startStepFunctionsChain(REQUEST, { stateMachineArn: 'nope', objects } as never)).rejects.toThrow(
      /state machine ARN/,
    );
  });
});
