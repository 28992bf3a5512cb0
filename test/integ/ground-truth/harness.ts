import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { S3Client } from '@aws-sdk/client-s3';
import { SageMakerClient } from '@aws-sdk/client-sagemaker';
import {
  GroundTruthChain,
  type GroundTruthChainOptions,
  InMemoryChainStateStore,
  type LabelingJobService,
  type LabelingPlan,
  type LabelingWorkflow,
  planLabelingChain,
  S3ObjectStore,
  SageMakerLabelingJobs,
  type SmgtBatchRequest,
  workflowFromSmgtBatch,
} from '../../../src/ground-truth/index.js';
import { SageMakerLabelingStandIn, type SageMakerLabelingStandInOptions } from '../../../src/testing/index.js';

const FIXTURES = resolve(import.meta.dirname, '../../fixtures/ground-truth');
/** The original batch request (`batch/create` body) and its completion message. */
export const ORIGINAL_BATCH: SmgtBatchRequest = JSON.parse(readFileSync(`${FIXTURES}/original-batch.json`, 'utf8'));
export const ORIGINAL_COMPLETION = JSON.parse(readFileSync(`${FIXTURES}/original-batch-completion.json`, 'utf8'));

export const INPUT_BUCKET = 'smgt-workflow-1-322552456788-us-west-2-batch-input';
export const PROCESSING = 's3://smgt-workflow-1-322552456788-us-west-2-batch-processing';
export const SETTINGS = {
  region: 'us-west-2',
  roleArn: 'arn:aws:iam::322552456788:role/smgt-workflow-1-sagemaker',
  outputS3Uri: PROCESSING,
} as const;

/** The original workflow, with the two published output paths whose modality differs from the job's (kept verbatim). */
export function originalWorkflow(): LabelingWorkflow {
  const workflow = workflowFromSmgtBatch(ORIGINAL_BATCH, SETTINGS);
  const published: Record<string, string> = {
    lane: `${PROCESSING}/batch_manifests/VideoObjectDetection/nb-track-823f6d3e-first_level-nb-track-823f6d3e-lane/output`,
    'lane-audit': `${PROCESSING}/batch_manifests/VideoObjectDetectionAudit/nb-track-823f6d3e-second_level-nb-track-823f6d3e-lane-audit/output`,
  };
  return {
    ...workflow,
    jobs: workflow.jobs.map((job) => (published[job.id] ? { ...job, outputS3Path: published[job.id] } : job)),
  };
}

/** Puts the original input manifest (one video clip) and the two label category files into the S3 stand-in. */
export function seedInputs(standIn: SageMakerLabelingStandIn, extraLine = ''): void {
  const s3 = standIn.s3!;
  const enc = (text: string) => new TextEncoder().encode(text);
  s3.put(
    INPUT_BUCKET,
    'tracking_manifests/MOT17-13-SDP.manifest',
    enc(`{"source-ref":"s3://${INPUT_BUCKET}/tracking_manifests/MOT17-13-SDP_seq.json"${extraLine}}\n`),
  );
  s3.put(
    INPUT_BUCKET,
    'tracking_manifests/vehicle_label_category.json',
    enc(JSON.stringify({ 'document-version': '2018-11-28', labels: [{ label: 'Vehicle' }] })),
  );
  s3.put(
    INPUT_BUCKET,
    'tracking_manifests/lane_label_category.json',
    enc(JSON.stringify({ 'document-version': '2018-11-28', labels: [{ label: 'Lane' }] })),
  );
}

export interface Harness {
  readonly standIn: SageMakerLabelingStandIn;
  readonly service: SageMakerLabelingJobs;
  readonly objects: S3ObjectStore;
  readonly sagemaker: SageMakerClient;
  chain(
    plan: LabelingPlan,
    options?: Partial<GroundTruthChainOptions> & { service?: LabelingJobService },
  ): GroundTruthChain;
  close(): Promise<void>;
}

/** Fast polling for tests: 1 ms, 2 ms, … up to 5 ms. */
export const FAST_POLL = { initialDelayMs: 1, maxDelayMs: 5, jitter: 0 } as const;

export async function startHarness(options: SageMakerLabelingStandInOptions = {}): Promise<Harness> {
  const standIn = await SageMakerLabelingStandIn.start({ region: 'us-west-2', ...options });
  seedInputs(standIn);
  const sagemaker = new SageMakerClient(standIn.clientConfig({ maxAttempts: 1 }));
  const s3 = new S3Client(standIn.clientConfig({ maxAttempts: 1 }));
  const service = new SageMakerLabelingJobs({ client: sagemaker });
  const objects = new S3ObjectStore({ client: s3 });
  return {
    standIn,
    service,
    objects,
    sagemaker,
    chain: (plan, extra = {}) =>
      new GroundTruthChain({
        plan,
        service,
        objects,
        stateStore: new InMemoryChainStateStore(),
        poll: FAST_POLL,
        ...extra,
      }),
    close: async () => {
      sagemaker.destroy();
      s3.destroy();
      await standIn.close();
    },
  };
}

export function originalPlan(): LabelingPlan {
  return planLabelingChain(originalWorkflow());
}

/** Successful CreateLabelingJob calls the stand-in answered, per job name. */
export function createdCounts(standIn: SageMakerLabelingStandIn): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const job of standIn.jobs()) counts[job.name] = (counts[job.name] ?? 0) + 1;
  return counts;
}
