/**
 * Ground Truth tools — output-manifest parsing against the floor (`JSON.parse` per line of a string split on
 * newlines), across sizes, with heap growth; planner speed across workflow sizes; and a chain run of the
 * original batch against raw SDK calls on the same stand-in.
 *
 *   npx tsx bench/ground-truth.ts          # or: node --expose-gc --import tsx bench/ground-truth.ts
 *
 * Medians of 5 runs (the machine is shared). Writes bench/out/ground-truth.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join, resolve } from 'node:path';
import { S3Client } from '@aws-sdk/client-s3';
import { CreateLabelingJobCommand, DescribeLabelingJobCommand, SageMakerClient } from '@aws-sdk/client-sagemaker';
import {
  GroundTruthChain,
  InMemoryChainStateStore,
  type LabelingJobSpec,
  parseOutputManifest,
  planJobs,
  planLabelingChain,
  S3ObjectStore,
  SageMakerLabelingJobs,
} from '../src/ground-truth/index.js';
import { SageMakerLabelingStandIn } from '../src/testing/index.js';

const ROOT = resolve(import.meta.dirname, '..');
const OUT = join(ROOT, 'bench', 'out');
const RUNS = 5;
const gc = (globalThis as { gc?: () => void }).gc;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

function manifestText(lines: number): string {
  const out: string[] = [];
  for (let i = 0; i < lines; i++) {
    out.push(
      JSON.stringify({
        'source-ref': `s3://bucket/frames/clip-${i}_seq.json`,
        'job-ref': `s3://bucket/out/job/annotations/consolidated-annotation/output/${i}/SeqLabel.json`,
        'job-ref-metadata': {
          'class-map': { '0': 'Vehicle' },
          'job-name': 'labeling-job/job',
          'human-annotated': 'yes',
          'creation-date': '2021-04-05T17:43:02.469000',
          type: 'groundtruth/video-object-tracking',
        },
      }),
    );
  }
  return `${out.join('\n')}\n`;
}

function* chunksOf(bytes: Uint8Array, size = 65_536): Generator<Uint8Array> {
  for (let offset = 0; offset < bytes.byteLength; offset += size) yield bytes.subarray(offset, offset + size);
}

async function benchParse() {
  // Warm-up: one untimed pass of both, so neither side is measured while it is still being compiled.
  const warm = new TextEncoder().encode(manifestText(5_000));
  for await (const _ of parseOutputManifest(chunksOf(warm))) {
    // consume
  }
  new TextDecoder()
    .decode(warm)
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line));
  const rows = [];
  for (const lines of [10_000, 100_000]) {
    const text = manifestText(lines);
    const bytes = new TextEncoder().encode(text);
    const ours: number[] = [];
    const floor: number[] = [];
    let oursHeap = 0;
    let floorHeap = 0;
    for (let run = 0; run < RUNS; run++) {
      gc?.();
      let before = process.memoryUsage().heapUsed;
      let t = performance.now();
      let n = 0;
      let peak = before;
      for await (const record of parseOutputManifest(chunksOf(bytes))) {
        if (record.labels.length > 0) n++;
        if (n % 5000 === 0) peak = Math.max(peak, process.memoryUsage().heapUsed);
      }
      ours.push(performance.now() - t);
      oursHeap = Math.max(oursHeap, peak - before);
      if (n !== lines) throw new Error('parse count mismatch');
      gc?.();
      before = process.memoryUsage().heapUsed;
      t = performance.now();
      // The floor: decode everything, split, JSON.parse each line, keep the records (what naive code does).
      const all = new TextDecoder()
        .decode(bytes)
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line));
      floor.push(performance.now() - t);
      floorHeap = Math.max(floorHeap, process.memoryUsage().heapUsed - before);
      if (all.length !== lines) throw new Error('floor count mismatch');
    }
    const mb = bytes.byteLength / 1e6;
    rows.push({
      lines,
      megabytes: Number(mb.toFixed(1)),
      oursMs: Math.round(median(ours)),
      floorMs: Math.round(median(floor)),
      ratio: Number((median(ours) / median(floor)).toFixed(2)),
      oursMBps: Number((mb / (median(ours) / 1000)).toFixed(1)),
      oursHeapGrowthMB: Number((oursHeap / 1e6).toFixed(1)),
      floorHeapGrowthMB: Number((floorHeap / 1e6).toFixed(1)),
    });
  }
  return rows;
}

function benchPlanner() {
  const rows = [];
  for (const jobsPerLevel of [5, 50, 500]) {
    const jobs: LabelingJobSpec[] = [];
    for (let i = 0; i < jobsPerLevel; i++) {
      jobs.push({
        id: `j${i}`,
        level: 1,
        taskType: 'VideoObjectTracking',
        input: { manifestS3Uri: 's3://input-bucket/clip.manifest' },
        labelCategoryConfigS3Uri: 's3://input-bucket/labels.json',
      });
      jobs.push({ id: `j${i}-audit`, level: 2, input: { chainFrom: `j${i}` }, audit: { kind: 'adjustment' } });
    }
    const workflow = {
      batchId: 'bench-batch',
      region: 'us-west-2',
      roleArn: 'arn:aws:iam::111122223333:role/labeling',
      outputS3Uri: 's3://processing-bucket',
      defaults: { workteamArn: 'arn:aws:sagemaker:us-west-2:111122223333:workteam/private-crowd/team' },
      jobs,
    };
    const times: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const t = performance.now();
      const plan = planLabelingChain(workflow);
      times.push(performance.now() - t);
      if (planJobs(plan).length !== jobs.length) throw new Error('plan size');
    }
    rows.push({
      jobs: jobs.length,
      planMs: Number(median(times).toFixed(2)),
      usPerJob: Math.round((median(times) * 1000) / jobs.length),
    });
  }
  return rows;
}

async function benchChain() {
  const standIn = await SageMakerLabelingStandIn.start({ region: 'us-west-2' });
  const enc = (t: string) => new TextEncoder().encode(t);
  standIn.s3!.put('input-bucket', 'clip.manifest', enc('{"source-ref":"s3://input-bucket/clip_seq.json"}\n'));
  standIn.s3!.put('input-bucket', 'labels.json', enc('{"labels":[{"label":"Vehicle"}]}'));
  const sagemaker = new SageMakerClient(standIn.clientConfig({ maxAttempts: 1 }));
  const s3 = new S3Client(standIn.clientConfig({ maxAttempts: 1 }));
  const ours: number[] = [];
  const raw: number[] = [];
  try {
    for (let run = 0; run < RUNS; run++) {
      const plan = planLabelingChain({
        batchId: `run-${run}`,
        region: 'us-west-2',
        roleArn: 'arn:aws:iam::111122223333:role/labeling',
        outputS3Uri: 's3://processing-bucket',
        defaults: { workteamArn: 'arn:aws:sagemaker:us-west-2:111122223333:workteam/private-crowd/team' },
        jobs: [
          {
            id: 'vehicle',
            level: 1,
            taskType: 'VideoObjectTracking',
            input: { manifestS3Uri: 's3://input-bucket/clip.manifest' },
            labelCategoryConfigS3Uri: 's3://input-bucket/labels.json',
          },
          {
            id: 'lane',
            level: 1,
            taskType: 'VideoObjectTracking',
            input: { manifestS3Uri: 's3://input-bucket/clip.manifest' },
            labelCategoryConfigS3Uri: 's3://input-bucket/labels.json',
          },
          { id: 'vehicle-audit', level: 2, input: { chainFrom: 'vehicle' }, audit: { kind: 'adjustment' } },
          { id: 'lane-audit', level: 2, input: { chainFrom: 'lane' }, audit: { kind: 'adjustment' } },
        ],
      });
      let t = performance.now();
      const result = await new GroundTruthChain({
        plan,
        service: new SageMakerLabelingJobs({ client: sagemaker }),
        objects: new S3ObjectStore({ client: s3 }),
        stateStore: new InMemoryChainStateStore(),
        poll: { initialDelayMs: 0, maxDelayMs: 0, jitter: 0 },
      }).run();
      ours.push(performance.now() - t);
      if (result.status !== 'COMPLETE') throw new Error('chain failed');
      // Raw: the same creates and describes by hand (no state, no label files, no validation).
      const rawPlan = planLabelingChain({
        ...JSON.parse(JSON.stringify({})),
        ...{ ...planInput(plan), batchId: `raw-${run}` },
      });
      t = performance.now();
      for (const level of rawPlan.levels) {
        await Promise.all(
          level.jobs.map(async (job) => {
            await sagemaker.send(new CreateLabelingJobCommand(job.request as never));
            for (;;) {
              const out = await sagemaker.send(
                new DescribeLabelingJobCommand({ LabelingJobName: job.request.LabelingJobName }),
              );
              if (out.LabelingJobStatus === 'Completed') break;
            }
          }),
        );
      }
      raw.push(performance.now() - t);
    }
  } finally {
    sagemaker.destroy();
    s3.destroy();
    await standIn.close();
  }
  return [
    {
      jobs: 4,
      chainMs: Number(median(ours).toFixed(1)),
      rawSdkMs: Number(median(raw).toFixed(1)),
      ratio: Number((median(ours) / median(raw)).toFixed(2)),
    },
  ];
}

/** Re-plans the same workflow under another batch id (the raw run needs fresh job names). */
function planInput(plan: ReturnType<typeof planLabelingChain>) {
  const jobs = planJobs(plan);
  return {
    batchId: plan.batchId,
    region: plan.region,
    roleArn: jobs[0]!.request.RoleArn,
    outputS3Uri: 's3://processing-bucket',
    jobs: jobs.map((job) => ({
      id: job.id,
      level: job.level,
      workteamArn: job.request.HumanTaskConfig.WorkteamArn,
      ...(job.parentId === undefined
        ? {
            taskType: job.taskType,
            input: { manifestS3Uri: job.request.InputConfig.DataSource.S3DataSource.ManifestS3Uri },
            labelCategoryConfigS3Uri: job.request.LabelCategoryConfigS3Uri!,
          }
        : { input: { chainFrom: job.parentId }, audit: { kind: job.audit! } }),
    })),
  };
}

const parse = await benchParse();
console.table(parse);
const planner = benchPlanner();
console.table(planner);
const chain = await benchChain();
console.table(chain);
mkdirSync(OUT, { recursive: true });
writeFileSync(
  join(OUT, 'ground-truth.json'),
  `${JSON.stringify({ date: new Date().toISOString(), cpus: cpus().length, gc: gc !== undefined, parse, planner, chain }, null, 2)}\n`,
);
