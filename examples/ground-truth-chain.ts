/**
 * The original multi-modality labeling batch (AWS ML blog, May 2021) as a `GroundTruthChain`: vehicle
 * bounding boxes and lane polylines as level-1 video object tracking jobs on one MOT17 clip, then one
 * adjustment ("audit") job chained from each, level 2. The batch request is the published one; the plan
 * reproduces its job names, label attributes and chained manifests, and the status view its batch view.
 * Afterwards the example reads the output manifest and merges the vehicle and lane annotations per frame.
 *
 *   npx tsx examples/ground-truth-chain.ts     # offline: the SageMaker and S3 stand-ins simulate Ground Truth
 *   AWS_ML_KIT_LIVE=1 GT_ROLE_ARN=arn:aws:iam::…:role/… GT_OUTPUT_S3_URI=s3://… GT_WORKTEAM_ARN=arn:aws:sagemaker:… \
 *     GT_INPUT_MANIFEST=s3://…/clip.manifest GT_VEHICLE_LABELS=s3://…/vehicle.json GT_LANE_LABELS=s3://…/lane.json \
 *     AWS_REGION=us-west-2 npx tsx examples/ground-truth-chain.ts
 *
 * Ground Truth is closed to new customers; live runs need an account that already uses it, a private work team
 * and real human labelers (hours to days). Writes the plan, the status view and the merged frames to
 * examples/out/ground-truth-*.json.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { S3Client } from '@aws-sdk/client-s3';
import { SageMakerClient } from '@aws-sdk/client-sagemaker';
import {
  GroundTruthChain,
  InMemoryChainStateStore,
  type LabeledFrame,
  type LabelingWorkflow,
  mergeFramesByNumber,
  parseOutputManifest,
  planLabelingChain,
  readSeqLabel,
  S3ObjectStore,
  SageMakerLabelingJobs,
  type SmgtBatchRequest,
  workflowFromSmgtBatch,
} from '../src/ground-truth/index.js';
import { SageMakerLabelingStandIn } from '../src/testing/index.js';

const ROOT = resolve(import.meta.dirname, '..');
const OUT = join(ROOT, 'examples/out');
mkdirSync(OUT, { recursive: true });
const live = process.env.AWS_ML_KIT_LIVE === '1';

const batch: SmgtBatchRequest = JSON.parse(
  readFileSync(join(ROOT, 'test/fixtures/ground-truth/original-batch.json'), 'utf8'),
);
const INPUT_BUCKET = 'smgt-workflow-1-322552456788-us-west-2-batch-input';

function liveWorkflow(): LabelingWorkflow {
  const env = (name: string) => {
    const value = process.env[name];
    if (!value) throw new Error(`set ${name} for a live run`);
    return value;
  };
  const workflow = workflowFromSmgtBatch(batch, {
    region: env('AWS_REGION'),
    roleArn: env('GT_ROLE_ARN'),
    outputS3Uri: env('GT_OUTPUT_S3_URI'),
  });
  const labels: Record<string, string> = { vehicle: env('GT_VEHICLE_LABELS'), lane: env('GT_LANE_LABELS') };
  // A new batch id: job names can never be reused, and the published ones are taken.
  return {
    ...workflow,
    batchId: `nb-track-${Date.now().toString(16).slice(-8)}`,
    jobs: workflow.jobs.map(({ name: _published, ...job }) => ({
      ...job,
      workteamArn: env('GT_WORKTEAM_ARN'),
      ...('manifestS3Uri' in job.input ? { input: { manifestS3Uri: env('GT_INPUT_MANIFEST') } } : {}),
      ...(labels[job.id] ? { labelCategoryConfigS3Uri: labels[job.id] } : {}),
    })),
  };
}

async function main(): Promise<void> {
  const standIn = live ? undefined : await SageMakerLabelingStandIn.start({ region: 'us-west-2' });
  if (standIn) {
    const put = (key: string, value: unknown) =>
      standIn.s3!.put(
        INPUT_BUCKET,
        key,
        new TextEncoder().encode(typeof value === 'string' ? value : JSON.stringify(value)),
      );
    put(
      'tracking_manifests/MOT17-13-SDP.manifest',
      `{"source-ref":"s3://${INPUT_BUCKET}/tracking_manifests/MOT17-13-SDP_seq.json"}\n`,
    );
    put('tracking_manifests/vehicle_label_category.json', {
      'document-version': '2018-11-28',
      labels: [{ label: 'Vehicle' }],
    });
    put('tracking_manifests/lane_label_category.json', {
      'document-version': '2018-11-28',
      labels: [{ label: 'Lane' }],
    });
  }
  const sagemaker = new SageMakerClient(standIn ? standIn.clientConfig() : {});
  const s3 = new S3Client(standIn ? standIn.clientConfig() : {});
  try {
    const workflow = live
      ? liveWorkflow()
      : workflowFromSmgtBatch(batch, {
          region: 'us-west-2',
          roleArn: 'arn:aws:iam::322552456788:role/smgt-workflow-1-sagemaker',
          outputS3Uri: 's3://smgt-workflow-1-322552456788-us-west-2-batch-processing',
        });
    const plan = planLabelingChain(workflow);
    writeFileSync(join(OUT, 'ground-truth-plan.json'), `${JSON.stringify(plan, null, 2)}\n`);
    for (const level of plan.levels) {
      console.log(
        `level ${level.level}: ${level.jobs.map((j) => `${j.request.LabelingJobName} (${j.taskType})`).join(', ')}`,
      );
    }

    const objects = new S3ObjectStore({ client: s3 });
    const chain = new GroundTruthChain({
      plan,
      service: new SageMakerLabelingJobs({ client: sagemaker }),
      objects,
      ...(live
        ? { stateFile: join(OUT, `ground-truth-state-${plan.batchId}.json`) }
        : { stateStore: new InMemoryChainStateStore(), poll: { initialDelayMs: 5, maxDelayMs: 20 } }),
      onProgress: (p) =>
        console.log(`  ${p.finishedJobs}/${p.totalJobs} ${p.event} ${p.jobName ?? ''} ${p.status ?? ''}`),
    });
    const result = await chain.run();
    writeFileSync(join(OUT, 'ground-truth-status.json'), `${JSON.stringify(result.view, null, 2)}\n`);
    console.log(`batch ${plan.batchId}: ${result.status}`);

    // Merge the vehicle and lane layers of the clip per frame, as the post suggests.
    const layers: Record<string, LabeledFrame[]> = {};
    for (const job of result.view.levels[0]!.jobLevels) {
      for await (const record of parseOutputManifest(objects.stream(job.jobOutputS3Uri))) {
        const label = record.labels.find((l) => l.attribute === job.labelAttributeName);
        if (typeof label?.value !== 'string') continue;
        layers[job.jobId] = readSeqLabel(JSON.parse(new TextDecoder().decode(await objects.get(label.value))));
      }
    }
    const merged = mergeFramesByNumber(layers);
    writeFileSync(join(OUT, 'ground-truth-frames.json'), `${JSON.stringify(merged, null, 2)}\n`);
    console.log(`merged ${merged.length} frame(s) from layers ${Object.keys(layers).join(', ')}`);
    if (result.status !== 'COMPLETE') process.exitCode = 1;
  } finally {
    sagemaker.destroy();
    s3.destroy();
    await standIn?.close();
  }
}

await main();
