import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type ChainProgress,
  GroundTruthChain,
  JsonFileChainStateStore,
  type LabelingJobService,
  parseOutputManifest,
  planLabelingChain,
  readSeqLabel,
} from '../../../src/ground-truth/index.js';
import {
  createdCounts,
  FAST_POLL,
  type Harness,
  INPUT_BUCKET,
  ORIGINAL_COMPLETION,
  originalPlan,
  originalWorkflow,
  PROCESSING,
  startHarness,
} from './harness.js';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

describe('GroundTruthChain through the SageMaker stand-in (real SDK clients)', () => {
  it('runs the original batch level by level and reproduces its status view exactly', async () => {
    harness = await startHarness();
    const plan = originalPlan();
    const progress: ChainProgress[] = [];
    const result = await harness.chain(plan, { onProgress: (p) => progress.push(p) }).run();

    expect(result.status).toBe('COMPLETE');
    expect(harness.standIn.jobs().map((job) => job.name)).toEqual([
      'nb-track-823f6d3e-vehicle',
      'nb-track-823f6d3e-lane',
      'nb-track-823f6d3e-vehicle-audit',
      'nb-track-823f6d3e-lane-audit',
    ]);
    expect(createdCounts(harness.standIn)).toEqual({
      'nb-track-823f6d3e-vehicle': 1,
      'nb-track-823f6d3e-lane': 1,
      'nb-track-823f6d3e-vehicle-audit': 1,
      'nb-track-823f6d3e-lane-audit': 1,
    });
    // Level 2 was created only after level 1 completed.
    const created = progress.filter((p) => p.event === 'created').map((p) => p.jobId);
    const level1Done = progress.findIndex((p) => p.event === 'hook' && p.level === 1);
    expect(
      progress
        .slice(0, level1Done)
        .filter((p) => p.event === 'created')
        .map((p) => p.jobId),
    ).toEqual(['vehicle', 'lane']);
    expect(created).toEqual(['vehicle', 'lane', 'vehicle-audit', 'lane-audit']);

    // The batch view: every field the original design published, per level, exactly.
    const published = ORIGINAL_COMPLETION.batchInfo;
    const fields = [
      'batchId',
      'batchStatus',
      'labelingJobName',
      'labelAttributeName',
      'labelCategoryS3Uri',
      'jobInputS3Uri',
      'jobOutputS3Uri',
    ];
    const pick = (entry: object) => Object.fromEntries(fields.map((f) => [f, (entry as Record<string, unknown>)[f]]));
    const sortByName = (a: { labelingJobName: string }, b: { labelingJobName: string }) =>
      a.labelingJobName.localeCompare(b.labelingJobName);
    const [first, second] = result.view.levels;
    expect(first!.name).toBe('firstLevel');
    expect(first!.status).toBe(published.firstLevel.status);
    expect(first!.numChildBatches).toBe(Number(published.firstLevel.numChildBatches));
    expect(first!.numChildBatchesComplete).toBe(Number(published.firstLevel.numChildBatchesComplete));
    expect([...first!.jobLevels].sort(sortByName).map(pick)).toEqual(
      [...published.firstLevel.jobLevels].sort(sortByName).map(pick),
    );
    expect(second!.name).toBe('secondLevel');
    expect([...second!.jobLevels].sort(sortByName).map(pick)).toEqual(
      [...published.secondLevel.jobLevels].sort(sortByName).map(pick),
    );
    expect(result.view.status).toBe(published.status);

    // The generated audit label category file names the parent's attribute.
    const auditConfig = JSON.parse(
      text(
        await harness.objects.get(
          `${PROCESSING}/label_category_input/nb-track-823f6d3e-second_level-nb-track-823f6d3e-vehicle-audit/category-file.json`,
        ),
      ),
    );
    expect(auditConfig).toEqual({
      'document-version': '2018-11-28',
      labels: [{ label: 'Vehicle' }],
      auditLabelAttributeName: 'nb-track-823f6d3e-vehicle-ref',
      editsAllowed: 'any',
    });

    // The audit job's output manifest holds both label layers, like the published line.
    const auditOut = first && second!.jobLevels.find((j) => j.jobId === 'vehicle-audit')!.jobOutputS3Uri;
    const records = [];
    for await (const record of parseOutputManifest(harness.objects.stream(auditOut!))) records.push(record);
    expect(records).toHaveLength(1);
    expect(records[0]!.sourceRef).toBe(`s3://${INPUT_BUCKET}/tracking_manifests/MOT17-13-SDP_seq.json`);
    expect(records[0]!.labels.map((l) => [l.attribute, l.metadata?.jobName, l.metadata?.adjustmentStatus])).toEqual([
      ['nb-track-823f6d3e-vehicle-ref', 'nb-track-823f6d3e-vehicle', undefined],
      ['nb-track-823f6d3e-vehicle-audit-ref', 'nb-track-823f6d3e-vehicle-audit', 'unadjusted'],
    ]);
    expect(records[0]!.labels[0]!.metadata?.classMap).toEqual({ '0': 'Vehicle' });
    const seq = readSeqLabel(JSON.parse(text(await harness.objects.get(records[0]!.labels[1]!.value as string))));
    expect(seq[0]!.annotations[0]!.objectName).toBe('Vehicle:1');
  });

  it('stops the children of a failed level-1 job, reports it, and lets the other branch finish', async () => {
    harness = await startHarness({
      script: (name) =>
        name.endsWith('-lane')
          ? { statuses: ['InProgress', 'Failed'], failureReason: 'ClientError: workers rejected the tasks' }
          : undefined,
    });
    const result = await harness.chain(originalPlan()).run();

    expect(result.status).toBe('FAILED');
    expect(result.failedJobs).toEqual([
      { jobId: 'lane', jobName: 'nb-track-823f6d3e-lane', failureReason: 'ClientError: workers rejected the tasks' },
    ]);
    expect(result.blockedJobs).toEqual([
      { jobId: 'lane-audit', jobName: 'nb-track-823f6d3e-lane-audit', blockedBy: 'nb-track-823f6d3e-lane' },
    ]);
    expect(harness.standIn.jobs().map((j) => j.name)).not.toContain('nb-track-823f6d3e-lane-audit');
    expect(harness.standIn.jobs().find((j) => j.name.endsWith('vehicle-audit'))?.status).toBe('Completed');
    expect(result.view.levels[0]!.status).toBe('FAILED');
    expect(result.view.levels[1]!.jobLevels.map((j) => [j.jobId, j.batchStatus])).toEqual([
      ['vehicle-audit', 'COMPLETE'],
      ['lane-audit', 'BLOCKED'],
    ]);
  });

  it('resumes after a crash in the middle of creating a level without creating any job twice', async () => {
    harness = await startHarness();
    const dir = mkdtempSync(join(tmpdir(), 'gt-chain-'));
    try {
      const stateFile = join(dir, 'state.json');
      const plan = originalPlan();
      // The process "dies" right after its second CreateLabelingJob reached the service, before it saved the answer.
      let creates = 0;
      const crashing: LabelingJobService = {
        create: async (request, options) => {
          const created = await harness!.service.create(request, options);
          if (++creates === 2) throw new Error('process killed');
          return created;
        },
        describe: (name, options) => harness!.service.describe(name, options),
        stop: (name, options) => harness!.service.stop(name, options),
      };
      const first = new GroundTruthChain({
        plan,
        service: crashing,
        objects: harness.objects,
        stateStore: new JsonFileChainStateStore({ path: stateFile }),
        poll: FAST_POLL,
      });
      // A plug-in's own error leaves wrapped, naming the plug-in, never its message (issue 13).
      await expect(first.run()).rejects.toMatchObject({
        code: 'SERVICE',
        service: 'LabelingJobService',
        operation: 'create',
        message: 'LabelingJobService.create failed with Error',
      });
      expect(createdCounts(harness.standIn)).toEqual({ 'nb-track-823f6d3e-vehicle': 1, 'nb-track-823f6d3e-lane': 1 });
      const saved = await first.status();
      expect(saved.levels[0]!.jobLevels.map((j) => j.labelingJobStatus)).toEqual(['Initializing', 'creating']);

      const progress: ChainProgress[] = [];
      const second = new GroundTruthChain({
        plan,
        service: harness.service,
        objects: harness.objects,
        stateFile,
        poll: FAST_POLL,
        onProgress: (p) => progress.push(p),
      });
      const result = await second.run();
      expect(result.status).toBe('COMPLETE');
      expect(progress.find((p) => p.event === 'adopted')?.jobId).toBe('lane');
      expect(Object.values(createdCounts(harness.standIn))).toEqual([1, 1, 1, 1]);
      expect(harness.standIn.server.callsOf('CreateLabelingJob')).toHaveLength(4);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reconciles a ResourceInUse on create when the state was lost: adopts the planned job, creates nothing twice', async () => {
    harness = await startHarness({ script: () => ({ statuses: ['InProgress', 'InProgress', 'Completed'] }) });
    const plan = originalPlan();
    // A first process created level 1 and then lost its state (a fresh in-memory store below).
    const lost = harness.chain(plan, { poll: { initialDelayMs: 60_000, jitter: 0 } });
    const controller = new AbortController();
    const firstRun = lost.run({ signal: controller.signal });
    await expect.poll(() => harness!.standIn.jobs().length, { timeout: 5000 }).toBe(2);
    controller.abort(new Error('stopped waiting'));
    await expect(firstRun).rejects.toThrow('stopped waiting');

    const result = await harness.chain(plan).run();
    expect(result.status).toBe('COMPLETE');
    const creates = harness.standIn.server.callsOf('CreateLabelingJob');
    expect(creates.map((c) => c.status)).toEqual([200, 200, 400, 400, 200, 200]);
    expect(Object.values(createdCounts(harness.standIn))).toEqual([1, 1, 1, 1]);
  });

  it('refuses to adopt a same-named job that is not the planned one', async () => {
    harness = await startHarness();
    const plan = originalPlan();
    const other = planLabelingChain({
      ...originalWorkflow(),
      jobs: originalWorkflow().jobs.map((j) =>
        j.id === 'vehicle' ? { ...j, labelAttributeName: 'someone-else-ref' } : j,
      ),
    });
    await harness.service.create(other.levels[0]!.jobs[0]!.request);
    await expect(harness.chain(plan).run()).rejects.toMatchObject({
      name: 'ValidationError',
      field: 'jobs.vehicle.name',
    });
  });

  it('accepts a 30-day task time limit for video and reports a job the service fails after 30 days', async () => {
    let clock = Date.UTC(2026, 0, 1);
    harness = await startHarness({
      now: () => clock,
      // The vehicle job never finishes; the lane job completes at once.
      script: (name) => ({ statuses: name.endsWith('-vehicle') ? ['InProgress'] : ['Completed'] }),
    });
    const workflow = originalWorkflow();
    const plan = planLabelingChain({
      ...workflow,
      jobs: workflow.jobs.map((job) => ({ ...job, taskTimeLimitSeconds: 2_592_000 })),
    });
    expect(plan.levels[0]!.jobs[0]!.request.HumanTaskConfig.TaskTimeLimitInSeconds).toBe(2_592_000);
    const result = await harness
      .chain(plan, {
        onProgress: (p) => {
          // Thirty-one days pass while the vehicle job is in progress.
          if (p.event === 'status' && p.jobId === 'vehicle' && p.status === 'InProgress')
            clock += 31 * 24 * 3600 * 1000;
        },
      })
      .run();
    expect(result.status).toBe('FAILED');
    expect(result.failedJobs.map((j) => [j.jobId, j.failureReason])).toEqual([
      ['vehicle', 'The labeling job did not complete within 30 days.'],
    ]);
    expect(result.blockedJobs.map((j) => j.jobId)).toEqual(['vehicle-audit']);
    const vehicle = result.view.levels[0]!.jobLevels[0]!;
    expect(vehicle.expiresAtMs).toBe(Date.UTC(2026, 0, 1) + 30 * 24 * 3600 * 1000);
  });

  it('stop() stops running jobs, creates nothing more and returns STOPPED', async () => {
    harness = await startHarness({ script: () => ({ statuses: ['InProgress'] }) });
    const chain = harness.chain(originalPlan(), {
      onProgress: (p) => {
        if (p.event === 'status' && p.status === 'InProgress' && p.jobId === 'lane') void chain.stop();
      },
    });
    const result = await chain.run();
    expect(result.status).toBe('STOPPED');
    expect(harness.standIn.jobs().map((j) => [j.name, j.status])).toEqual([
      ['nb-track-823f6d3e-vehicle', 'Stopped'],
      ['nb-track-823f6d3e-lane', 'Stopped'],
    ]);
  });

  it('lets a between-levels hook replace the next level input with a filtered manifest', async () => {
    harness = await startHarness();
    const plan = originalPlan();
    const filtered = `${PROCESSING}/filtered/vehicle.manifest`;
    const result = await harness
      .chain(plan, {
        betweenLevels: async ({ finished, objects }) => {
          const vehicle = finished.find((j) => j.jobId === 'vehicle')!;
          const lines: string[] = [];
          for await (const record of parseOutputManifest(objects.stream(vehicle.jobOutputS3Uri))) {
            if (record.lineNumber % 10 === 1) lines.push(JSON.stringify(record.raw));
          }
          await objects.put(filtered, `${lines.join('\n')}\n`);
          return { inputManifests: { 'vehicle-audit': filtered } };
        },
      })
      .run();
    expect(result.status).toBe('COMPLETE');
    const audit = harness.standIn.jobs().find((j) => j.name.endsWith('vehicle-audit'))!;
    expect(
      (audit.request.InputConfig as { DataSource: { S3DataSource: { ManifestS3Uri: string } } }).DataSource.S3DataSource
        .ManifestS3Uri,
    ).toBe(filtered);
    expect(result.view.levels[1]!.jobLevels[0]!.jobInputS3Uri).toBe(filtered);
  });

  it('wakes on an EventBridge state-change event for one of its jobs, and ignores others', async () => {
    harness = await startHarness();
    const chain = harness.chain(originalPlan(), { poll: { initialDelayMs: 60_000, jitter: 0 } });
    const running = chain.run();
    expect(
      chain.notify({
        'detail-type': 'SageMaker Ground Truth Labeling Job State Change',
        resources: ['arn:aws:sagemaker:us-west-2:1:labeling-job/other'],
      }),
    ).toBe(false);
    const wake = setInterval(() => chain.notify({ detail: { LabelingJobName: 'nb-track-823f6d3e-vehicle' } }), 5);
    try {
      expect((await running).status).toBe('COMPLETE');
    } finally {
      clearInterval(wake);
    }
  });
});
