import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  applyDescription,
  batchView,
  type CreateLabelingJobRequestLike,
  GroundTruthChain,
  InMemoryChainStateStore,
  InMemoryObjectStore,
  initialChainState,
  isObjectNotFoundError,
  isParentJobNotCompleteError,
  JsonFileChainStateStore,
  type LabelingJobDescription,
  type LabelingJobService,
  type LabelingJobStatus,
  LocalFolderObjectStore,
  nextChainStep,
  planLabelingChain,
  restoreChainState,
  toStepFunctionsDefinition,
  updateJob,
  writeLabelCategoryFiles,
} from '../../../src/ground-truth/index.js';
import { isResponseShapeError, isValidationError, ServiceError } from '../../../src/kit/errors.js';
import { verificationChainWorkflow } from '../../helpers/groundTruthWorkflows.js';
import { recordingLogger } from '../../helpers/sentinel.js';

const WORKFLOW = verificationChainWorkflow('unit');
const PLAN = planLabelingChain(WORKFLOW);

/** A labeling service in memory: every job completes on its second describe unless told otherwise. */
class FakeService implements LabelingJobService {
  readonly jobs = new Map<
    string,
    { status: LabelingJobStatus; request: CreateLabelingJobRequestLike; describes: number }
  >();
  readonly finalStatus = new Map<string, LabelingJobStatus>();
  stopError: unknown;
  async create(request: CreateLabelingJobRequestLike) {
    if (this.jobs.has(request.LabelingJobName)) {
      throw new ServiceError('in use', {
        service: 'SageMaker',
        operation: 'CreateLabelingJob',
        errorName: 'ResourceInUse',
      });
    }
    this.jobs.set(request.LabelingJobName, { status: 'Initializing', request, describes: 0 });
    return { arn: `arn:${request.LabelingJobName}` };
  }
  async describe(name: string): Promise<LabelingJobDescription> {
    const job = this.jobs.get(name);
    if (!job)
      throw new ServiceError('nf', { service: 'SageMaker', operation: 'DescribeLabelingJob', code: 'NOT_FOUND' });
    job.describes++;
    if (job.status !== 'Stopped')
      job.status = job.describes >= 2 ? (this.finalStatus.get(name) ?? 'Completed') : 'InProgress';
    return { name, status: job.status, labelAttributeName: job.request.LabelAttributeName };
  }
  async stop(name: string) {
    if (this.stopError) throw this.stopError;
    this.jobs.get(name)!.status = 'Stopped';
  }
}

const objects = () => {
  const store = new InMemoryObjectStore();
  void store.put('s3://in-bucket/labels.json', JSON.stringify({ labels: [{ label: 'Car' }] }));
  return store;
};
const FAST = { initialDelayMs: 0, maxDelayMs: 0, jitter: 0 };

describe('the chain state machine', () => {
  it('creates level 1, waits, runs the hook, creates level 2, then is done', () => {
    let state = initialChainState(PLAN);
    expect(nextChainStep(PLAN, state)).toEqual({ kind: 'create', level: 1, jobIds: ['a'] });
    state = updateJob(state, 'a', { phase: 'InProgress' });
    expect(nextChainStep(PLAN, state)).toEqual({ kind: 'wait', level: 1, jobIds: ['a'] });
    state = applyDescription(state, 'a', { name: 'unit-a', status: 'Completed', createdAtMs: 5 });
    expect(nextChainStep(PLAN, state)).toEqual({ kind: 'hook', level: 1, nextLevel: 2 });
    state = { ...state, hooksDone: [1] };
    expect(nextChainStep(PLAN, state)).toEqual({ kind: 'create', level: 2, jobIds: ['a-audit'] });
    state = updateJob(state, 'a-audit', { phase: 'Completed' });
    expect(nextChainStep(PLAN, state)).toEqual({ kind: 'done', status: 'COMPLETE' });
    expect(batchView(PLAN, state).levels.map((l) => [l.name, l.status])).toEqual([
      ['firstLevel', 'COMPLETE'],
      ['secondLevel', 'COMPLETE'],
    ]);
  });

  it('blocks children of a failed job and refuses a state of another plan', () => {
    let state = updateJob(initialChainState(PLAN), 'a', { phase: 'Failed' });
    state = { ...state, hooksDone: [1] };
    expect(nextChainStep(PLAN, state)).toEqual({ kind: 'block', jobIds: ['a-audit'] });
    const other = planLabelingChain({ ...WORKFLOW, jobs: [WORKFLOW.jobs[0]!] });
    expect(() => restoreChainState(other, state)).toThrow(/another plan/);
    expect(() => restoreChainState(PLAN, { version: 2 })).toThrow(/format version 1/);
    expect(() => updateJob(state, 'zzz', {})).toThrow(/names no job/);
  });
});

describe('GroundTruthChain with an in-memory service', () => {
  it('completes, saving state that status() reads back', async () => {
    const service = new FakeService();
    const store = new InMemoryChainStateStore();
    const logger = recordingLogger();
    const chain = new GroundTruthChain({
      plan: PLAN,
      service,
      objects: objects(),
      stateStore: store,
      poll: FAST,
      logger,
    });
    expect((await chain.run()).status).toBe('COMPLETE');
    expect(service.jobs.get('unit-a-audit')!.request.InputConfig.DataSource.S3DataSource.ManifestS3Uri).toBe(
      PLAN.levels[0]!.jobs[0]!.outputManifestS3Uri,
    );
    const fresh = new GroundTruthChain({ plan: PLAN, service, objects: objects(), stateStore: store });
    expect((await fresh.status()).status).toBe('COMPLETE');
    expect(logger.lines.some((l) => l.includes('job created'))).toBe(true);
  });

  it('refuses to chain from an existing job that is not Completed', async () => {
    const service = new FakeService();
    await service.create({ ...PLAN.levels[0]!.jobs[0]!.request, LabelingJobName: 'old-job' });
    const plan = planLabelingChain({
      ...WORKFLOW,
      jobs: [
        {
          id: 'audit',
          level: 1,
          input: {
            chainFromExisting: {
              jobName: 'old-job',
              taskType: 'VideoObjectDetection',
              labelAttributeName: 'old-job-ref',
              outputManifestS3Uri: 's3://out-bucket/old-job/manifests/output/output.manifest',
              labelCategoryConfigS3Uri: 's3://in-bucket/labels.json',
            },
          },
          audit: { kind: 'adjustment' },
        },
      ],
    });
    const chain = new GroundTruthChain({
      plan,
      service,
      objects: objects(),
      stateStore: new InMemoryChainStateStore(),
      poll: FAST,
    });
    const error = await chain.run().catch((e: unknown) => e);
    expect(isParentJobNotCompleteError(error) && [error.jobName, error.status]).toEqual(['old-job', 'InProgress']);
    await service.describe('old-job');
    await service.describe('old-job');
    expect((await chain.run()).status).toBe('COMPLETE');
  });

  it('rejects a hook answer naming a job outside the next level, and keeps the hook result once run', async () => {
    const bad = new GroundTruthChain({
      plan: PLAN,
      service: new FakeService(),
      objects: objects(),
      stateStore: new InMemoryChainStateStore(),
      poll: FAST,
      betweenLevels: async () => ({ inputManifests: { a: 's3://x-bucket/m' } }),
    });
    await expect(bad.run()).rejects.toThrow(/names no job of level 2/);
    let calls = 0;
    const good = new GroundTruthChain({
      plan: PLAN,
      service: new FakeService(),
      objects: objects(),
      stateStore: new InMemoryChainStateStore(),
      poll: FAST,
      betweenLevels: async () => {
        calls++;
      },
    });
    expect((await good.run()).status).toBe('COMPLETE');
    expect(calls).toBe(1);
  });

  it('stop() tolerates a job that cannot be stopped any more', async () => {
    const service = new FakeService();
    service.stopError = new ServiceError('conflict', {
      service: 'SageMaker',
      operation: 'StopLabelingJob',
      errorName: 'ValidationException',
    });
    const chain = new GroundTruthChain({
      plan: PLAN,
      service,
      objects: objects(),
      stateStore: new InMemoryChainStateStore(),
      poll: FAST,
    });
    await chain.stop();
    expect((await chain.run()).status).toBe('STOPPED');
    expect(service.jobs.size).toBe(0);
    expect(chain.notify()).toBe(true);
  });

  it('stop() during the between-levels hook is kept: the next level is not created', async () => {
    const service = new FakeService();
    const store = new InMemoryChainStateStore();
    const chain: GroundTruthChain = new GroundTruthChain({
      plan: PLAN,
      service,
      objects: objects(),
      stateStore: store,
      poll: FAST,
      betweenLevels: async () => {
        await chain.stop();
      },
    });
    expect((await chain.run()).status).toBe('STOPPED');
    expect([...service.jobs.keys()]).toEqual(['unit-a']);
    expect((await store.load('unit')) as { stopRequested?: boolean }).toMatchObject({ stopRequested: true });
  });

  it('notify() during a describe round is not lost: the next round starts without the backoff delay', async () => {
    let chain: GroundTruthChain | undefined;
    const service = new (class extends FakeService {
      override async describe(name: string) {
        const description = await super.describe(name);
        chain!.notify(); // the state-change event arrives while this round is in flight
        return description;
      }
    })();
    chain = new GroundTruthChain({
      plan: PLAN,
      service,
      objects: objects(),
      stateStore: new InMemoryChainStateStore(),
      poll: { initialDelayMs: 3_600_000, maxDelayMs: 3_600_000, jitter: 0 },
    });
    expect((await chain.run({ timeoutMs: 5_000 })).status).toBe('COMPLETE');
  });

  it('stop() while CreateLabelingJob is in flight stops that job too once it exists', async () => {
    let chain: GroundTruthChain | undefined;
    const service = new (class extends FakeService {
      override async create(request: CreateLabelingJobRequestLike) {
        const created = await super.create(request);
        await chain!.stop(); // the job exists, but the chain has not recorded it yet
        return created;
      }
    })();
    chain = new GroundTruthChain({
      plan: PLAN,
      service,
      objects: objects(),
      stateStore: new InMemoryChainStateStore(),
      poll: FAST,
    });
    expect((await chain.run()).status).toBe('STOPPED');
    expect(service.jobs.get('unit-a')!.status).toBe('Stopped');
    expect(service.jobs.has('unit-a-audit')).toBe(false);
  });

  it('a stopped chain whose job was being created when it crashed finishes STOPPED, job or no job', async () => {
    const store = new InMemoryChainStateStore();
    const crashed = { ...updateJob(initialChainState(PLAN), 'a', { phase: 'creating' }), stopRequested: true };
    await store.save('unit', crashed);
    const service = new FakeService();
    const chain = new GroundTruthChain({ plan: PLAN, service, objects: objects(), stateStore: store, poll: FAST });
    expect((await chain.run()).status).toBe('STOPPED');
    expect(service.jobs.size).toBe(0);
  });

  it('does not hang on a service that ignores the abort signal: timeoutMs wins', async () => {
    const hanging: LabelingJobService = {
      create: () => new Promise(() => {}),
      describe: () => new Promise(() => {}),
      stop: () => new Promise(() => {}),
    };
    const chain = new GroundTruthChain({
      plan: PLAN,
      service: hanging,
      objects: objects(),
      stateStore: new InMemoryChainStateStore(),
    });
    const error = await chain.run({ timeoutMs: 50 }).catch((e: unknown) => e);
    expect((error as Error).name).toBe('TimeoutError');
    const controller = new AbortController();
    const stopping = chain.stop({ signal: controller.signal });
    controller.abort(new Error('gave up'));
    await expect(stopping).rejects.toThrow('gave up');
  });

  it('validates its options', () => {
    expect(() => new GroundTruthChain({} as never)).toThrow(/options.plan/);
    expect(() => new GroundTruthChain({ plan: PLAN } as never)).toThrow(/options.service/);
    expect(() => new GroundTruthChain({ plan: PLAN, service: new FakeService() } as never)).toThrow(/options.objects/);
  });

  it('fails with a typed error when a label category file to audit is missing or not JSON', async () => {
    const store = new InMemoryObjectStore();
    const chain = () =>
      new GroundTruthChain({
        plan: PLAN,
        service: new FakeService(),
        objects: store,
        stateStore: new InMemoryChainStateStore(),
        poll: FAST,
      });
    expect(
      isObjectNotFoundError(
        await chain()
          .run()
          .catch((e: unknown) => e),
      ),
    ).toBe(true);
    await store.put('s3://in-bucket/labels.json', 'not json');
    expect(
      isResponseShapeError(
        await chain()
          .run()
          .catch((e: unknown) => e),
      ),
    ).toBe(true);
    expect(await writeLabelCategoryFiles(planLabelingChain({ ...WORKFLOW, jobs: [WORKFLOW.jobs[0]!] }), store)).toBe(0);
  });
});

describe('node stores', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'gt-unit-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('JsonFileChainStateStore round-trips, and refuses another batch or a broken file', async () => {
    const path = join(dir, 'deep', 'state.json');
    const store = new JsonFileChainStateStore({ path });
    expect(await store.load('unit')).toBeUndefined();
    const state = initialChainState(PLAN);
    await store.save('unit', state);
    expect(await store.load('unit')).toEqual(state);
    expect(isValidationError(await store.load('other').catch((e: unknown) => e))).toBe(true);
    writeFileSync(path, '{');
    expect(isResponseShapeError(await store.load('unit').catch((e: unknown) => e))).toBe(true);
    expect(() => new JsonFileChainStateStore({ path: '' })).toThrow(/options.path/);
  });

  it('LocalFolderObjectStore maps s3:// URIs to files', async () => {
    const store = new LocalFolderObjectStore({ root: dir });
    await store.put('s3://bucket-a/x/y.manifest', '{"source":"a"}\n');
    expect(new TextDecoder().decode(await store.get('s3://bucket-a/x/y.manifest'))).toBe('{"source":"a"}\n');
    let bytes = 0;
    for await (const chunk of store.stream('s3://bucket-a/x/y.manifest')) bytes += chunk.byteLength;
    expect(bytes).toBe(15);
    expect(isObjectNotFoundError(await store.get('s3://bucket-a/none').catch((e: unknown) => e))).toBe(true);
    const streamMissing = (async () => {
      for await (const _ of store.stream('s3://bucket-a/none')) {
        // nothing
      }
    })();
    expect(isObjectNotFoundError(await streamMissing.catch((e: unknown) => e))).toBe(true);
    expect(isValidationError(await store.get('s3://bucket-a/../etc').catch((e: unknown) => e))).toBe(true);
    expect(() => new LocalFolderObjectStore({ root: '' })).toThrow(/options.root/);
  });
});

describe('toStepFunctionsDefinition input checks', () => {
  it('refuses a non-plan and a bad Lambda ARN', () => {
    expect(() => toStepFunctionsDefinition({} as never)).toThrow(/plan/);
    expect(() => toStepFunctionsDefinition(PLAN, { betweenLevelsLambdaArn: 'nope' })).toThrow(/Lambda function ARN/);
  });
});

describe('label category configurations and errors', () => {
  it('builds plain and audit configurations', async () => {
    const { labelCategoryConfig, auditLabelCategoryConfig, ObjectNotFoundError, ParentJobNotCompleteError } =
      await import('../../../src/ground-truth/index.js');
    const base = labelCategoryConfig(['Car', 'Bus'], { instructions: { shortInstruction: 'box them' } });
    expect(base).toEqual({
      'document-version': '2018-11-28',
      instructions: { shortInstruction: 'box them' },
      labels: [{ label: 'Car' }, { label: 'Bus' }],
    });
    expect(() => labelCategoryConfig([])).toThrow(/non-empty/);
    expect(auditLabelCategoryConfig(base, 'cars-ref', 'none', ['Car', 'Truck']).labels).toEqual([
      { label: 'Car' },
      { label: 'Bus' },
      { label: 'Truck' },
    ]);
    expect(() => auditLabelCategoryConfig([] as never, 'x', 'any')).toThrow(/JSON object/);
    expect(JSON.parse(JSON.stringify(new ObjectNotFoundError('s3://b/k')))).toMatchObject({
      code: 'NOT_FOUND',
      uri: 's3://b/k',
    });
    expect(JSON.parse(JSON.stringify(new ParentJobNotCompleteError('j', 'Failed')))).toMatchObject({
      code: 'CONFLICT',
      status: 'Failed',
    });
  });
});
