/**
 * The state machine of a chain, pure: the durable state, what to do next, and the batch view of the original
 * design. The orchestrator only performs the steps this module chooses and records what the service says.
 *
 * @module
 */
import { ValidationError } from '../kit/errors.js';
import { planJobs } from './planLabelingChain.js';
import type { LabelCounters, LabelingJobDescription, LabelingJobStatus } from './services.js';
import type { LabelingPlan, PlannedJob } from './workflow.js';

/** Where a job is: not created yet, being created, a service status, or blocked by a parent that did not complete. */
export type JobPhase = 'pending' | 'creating' | LabelingJobStatus | 'blocked';

/** The durable state of one job. */
export interface JobState {
  /** Job id in the workflow. */
  readonly id: string;
  /** Job name. */
  readonly name: string;
  /** Phase. */
  readonly phase: JobPhase;
  /** Job ARN once created. */
  readonly arn?: string;
  /** Input manifest actually used (a between-levels hook may replace the planned one). */
  readonly inputManifestS3Uri: string;
  /** Counters of the last describe. */
  readonly labelCounters?: LabelCounters;
  /** Failure reason of the service, or why the job is blocked. */
  readonly failureReason?: string;
  /** Creation time, epoch ms, as the service reported it. */
  readonly createdAtMs?: number;
}

/** The durable state of a chain. Plain JSON. */
export interface ChainState {
  /** Format version. */
  readonly version: 1;
  /** Batch id. */
  readonly batchId: string;
  /** Fingerprint of the plan, so a state is never resumed with a different plan. */
  readonly planFingerprint: string;
  /** Jobs by id. */
  readonly jobs: Readonly<Record<string, JobState>>;
  /** Levels whose between-levels hook has run. */
  readonly hooksDone: readonly number[];
  /** Set once `stop()` was asked: no new jobs are created. */
  readonly stopRequested: boolean;
}

/** Overall status, in the original design's words. */
export type BatchStatus = 'IN_PROGRESS' | 'COMPLETE' | 'FAILED' | 'STOPPED';

/** What to do next. */
export type ChainStep =
  | {
      /** Create these jobs of `level` (in parallel), or wait for them. */
      readonly kind: 'create' | 'wait';
      /** The level. */
      readonly level: number;
      /** The jobs. */
      readonly jobIds: readonly string[];
    }
  | {
      /** Run the between-levels hook after `level`, before `nextLevel`. */
      readonly kind: 'hook';
      /** The finished level. */
      readonly level: number;
      /** The level about to start. */
      readonly nextLevel: number;
    }
  | {
      /** Mark these jobs blocked: a parent did not complete. */
      readonly kind: 'block';
      /** The jobs. */
      readonly jobIds: readonly string[];
    }
  | {
      /** Nothing left to do. */
      readonly kind: 'done';
      /** The outcome. */
      readonly status: Exclude<BatchStatus, 'IN_PROGRESS'>;
    };

const TERMINAL: ReadonlySet<JobPhase> = new Set(['Completed', 'Failed', 'Stopped', 'blocked']);

/**
 * Whether a phase is final.
 *
 * @example
 * ```ts
 * isTerminalPhase('Stopping'); // false
 * ```
 */
export function isTerminalPhase(phase: JobPhase): boolean {
  return TERMINAL.has(phase);
}

/**
 * A short, stable fingerprint of a plan (FNV-1a over its JSON).
 *
 * @example
 * ```ts
 * planFingerprint(plan); // 'a1b2c3d4-…'
 * ```
 */
export function planFingerprint(plan: LabelingPlan): string {
  const text = JSON.stringify(plan);
  let a = 0x811c9dc5;
  let b = 0x01000193;
  for (let i = 0; i < text.length; i++) {
    a = Math.imul(a ^ text.charCodeAt(i), 0x01000193) >>> 0;
    b = Math.imul(b ^ text.charCodeAt(text.length - 1 - i), 0x811c9dc5) >>> 0;
  }
  return `${a.toString(16).padStart(8, '0')}${b.toString(16).padStart(8, '0')}-${text.length}`;
}

/**
 * The state of a chain before anything ran.
 *
 * @example
 * ```ts
 * const state = initialChainState(plan);
 * ```
 */
export function initialChainState(plan: LabelingPlan): ChainState {
  const jobs: Record<string, JobState> = {};
  for (const job of planJobs(plan)) {
    jobs[job.id] = {
      id: job.id,
      name: job.request.LabelingJobName,
      phase: 'pending',
      inputManifestS3Uri: job.request.InputConfig.DataSource.S3DataSource.ManifestS3Uri,
    };
  }
  return {
    version: 1,
    batchId: plan.batchId,
    planFingerprint: planFingerprint(plan),
    jobs,
    hooksDone: [],
    stopRequested: false,
  };
}

/**
 * Checks that a loaded state belongs to `plan`; returns it typed.
 *
 * @throws ValidationError when it is not a chain state or was written for another plan.
 * @example
 * ```ts
 * const state = restoreChainState(plan, await store.load(plan.batchId)) ;
 * ```
 */
export function restoreChainState(plan: LabelingPlan, saved: unknown): ChainState {
  const state = saved as ChainState | undefined;
  if (typeof state !== 'object' || state === null || state.version !== 1 || typeof state.jobs !== 'object') {
    throw new ValidationError('state', 'is not a chain state of format version 1');
  }
  if (state.batchId !== plan.batchId || state.planFingerprint !== planFingerprint(plan)) {
    throw new ValidationError(
      'state',
      `was written for another plan of batch ${String(state.batchId)}; use a new batch id (job names can never be reused) or the original workflow`,
    );
  }
  return state;
}

/**
 * Returns the state with one job updated.
 *
 * @example
 * ```ts
 * state = updateJob(state, 'vehicle', { phase: 'creating' });
 * ```
 */
export function updateJob(state: ChainState, id: string, patch: Partial<Omit<JobState, 'id' | 'name'>>): ChainState {
  const job = state.jobs[id];
  if (job === undefined) throw new ValidationError('jobId', `names no job of batch ${state.batchId} (${id})`);
  return { ...state, jobs: { ...state.jobs, [id]: { ...job, ...patch } } };
}

/**
 * Records what `DescribeLabelingJob` said about a job.
 *
 * @example
 * ```ts
 * state = applyDescription(state, 'vehicle', await service.describe(name));
 * ```
 */
export function applyDescription(state: ChainState, id: string, description: LabelingJobDescription): ChainState {
  return updateJob(state, id, {
    phase: description.status,
    ...(description.arn === undefined ? {} : { arn: description.arn }),
    ...(description.labelCounters === undefined ? {} : { labelCounters: description.labelCounters }),
    ...(description.failureReason === undefined ? {} : { failureReason: description.failureReason }),
    ...(description.createdAtMs === undefined ? {} : { createdAtMs: description.createdAtMs }),
  });
}

/**
 * The next step of a chain: levels run in order; a level's jobs are created together once every lower level
 * is final and its hook has run; a job whose workflow parent did not complete is blocked, never created.
 *
 * @example
 * ```ts
 * for (let step = nextChainStep(plan, state); step.kind !== 'done'; step = nextChainStep(plan, state)) { … }
 * ```
 */
export function nextChainStep(plan: LabelingPlan, state: ChainState): ChainStep {
  const phaseOf = (id: string): JobPhase => state.jobs[id]?.phase ?? 'pending';
  for (let i = 0; i < plan.levels.length; i++) {
    const { level, jobs } = plan.levels[i]!;
    const blocked = jobs.filter(
      (job) =>
        phaseOf(job.id) === 'pending' &&
        job.parentId !== undefined &&
        isTerminalPhase(phaseOf(job.parentId)) &&
        phaseOf(job.parentId) !== 'Completed',
    );
    if (blocked.length > 0) return { kind: 'block', jobIds: blocked.map((job) => job.id) };
    const toCreate = jobs.filter((job) => phaseOf(job.id) === 'pending' || phaseOf(job.id) === 'creating');
    if (toCreate.length > 0 && !state.stopRequested) {
      return { kind: 'create', level, jobIds: toCreate.map((job) => job.id) };
    }
    const running = jobs.filter((job) => !isTerminalPhase(phaseOf(job.id)) && phaseOf(job.id) !== 'pending');
    if (running.length > 0) return { kind: 'wait', level, jobIds: running.map((job) => job.id) };
    if (state.stopRequested) continue;
    const next = plan.levels[i + 1];
    if (next !== undefined && !state.hooksDone.includes(level)) {
      return { kind: 'hook', level, nextLevel: next.level };
    }
  }
  const phases = Object.values(state.jobs).map((job) => job.phase);
  if (phases.every((phase) => phase === 'Completed')) return { kind: 'done', status: 'COMPLETE' };
  if (state.stopRequested) return { kind: 'done', status: 'STOPPED' };
  return { kind: 'done', status: 'FAILED' };
}

/** One job in the batch view (the original design's `jobLevels[]` entry, plus status details). */
export interface BatchJobView {
  /** The original design's child batch id. */
  readonly batchId: string;
  /** `COMPLETE`, `IN_PROGRESS`, `FAILED`, `STOPPED` or `PENDING`/`BLOCKED`. */
  readonly batchStatus: string;
  /** Job id in the workflow. */
  readonly jobId: string;
  /** `LabelingJobName`. */
  readonly labelingJobName: string;
  /** Phase, with the service's status names. */
  readonly labelingJobStatus: JobPhase;
  /** `LabelAttributeName`. */
  readonly labelAttributeName: string;
  /** `LabelCategoryConfigS3Uri`. */
  readonly labelCategoryS3Uri: string | undefined;
  /** Input manifest. */
  readonly jobInputS3Uri: string;
  /** Output manifest. */
  readonly jobOutputS3Uri: string;
  /** Counters of the last describe. */
  readonly labelCounters?: LabelCounters;
  /** Why it failed or is blocked. */
  readonly failureReason?: string;
  /** When the service fails it if still unfinished (30 days after creation), epoch ms. */
  readonly expiresAtMs?: number;
}

/** One level of the batch view. */
export interface BatchLevelView {
  /** Level number. */
  readonly level: number;
  /** The original design's name (`firstLevel` …). */
  readonly name: string;
  /** Status of the level. */
  readonly status: BatchStatus | 'PENDING';
  /** Jobs on the level. */
  readonly numChildBatches: number;
  /** Jobs on the level that are final. */
  readonly numChildBatchesComplete: number;
  /** Jobs. */
  readonly jobLevels: readonly BatchJobView[];
}

/** The batch view of `status()`. */
export interface BatchView {
  /** Batch id. */
  readonly batchId: string;
  /** Overall status. */
  readonly status: BatchStatus;
  /** Levels. */
  readonly levels: readonly BatchLevelView[];
}

/** Jobs still unfinished 30 days after creation fail. */
export const LABELING_JOB_MAX_LIFETIME_MS = 30 * 24 * 3600 * 1000;

const LEVEL_NAMES = ['firstLevel', 'secondLevel', 'thirdLevel'];

function jobBatchStatus(phase: JobPhase): string {
  switch (phase) {
    case 'Completed':
      return 'COMPLETE';
    case 'Failed':
      return 'FAILED';
    case 'Stopped':
      return 'STOPPED';
    case 'blocked':
      return 'BLOCKED';
    case 'pending':
      return 'PENDING';
    default:
      return 'IN_PROGRESS';
  }
}

/**
 * The batch view of the original design: levels, job names, statuses, input and output manifests, counters.
 *
 * @example
 * ```ts
 * batchView(plan, state).levels[0].jobLevels.map((j) => [j.labelingJobName, j.batchStatus]);
 * ```
 */
export function batchView(plan: LabelingPlan, state: ChainState): BatchView {
  const step = nextChainStep(plan, state);
  const levels = plan.levels.map(({ level, jobs }, index): BatchLevelView => {
    const jobLevels = jobs.map((job: PlannedJob): BatchJobView => {
      const js = state.jobs[job.id]!;
      return {
        batchId: job.childBatchId,
        batchStatus: jobBatchStatus(js.phase),
        jobId: job.id,
        labelingJobName: job.request.LabelingJobName,
        labelingJobStatus: js.phase,
        labelAttributeName: job.request.LabelAttributeName,
        labelCategoryS3Uri: job.request.LabelCategoryConfigS3Uri,
        jobInputS3Uri: js.inputManifestS3Uri,
        jobOutputS3Uri: job.outputManifestS3Uri,
        ...(js.labelCounters === undefined ? {} : { labelCounters: js.labelCounters }),
        ...(js.failureReason === undefined ? {} : { failureReason: js.failureReason }),
        ...(js.createdAtMs === undefined ? {} : { expiresAtMs: js.createdAtMs + LABELING_JOB_MAX_LIFETIME_MS }),
      };
    });
    const final = jobLevels.filter((j) => isTerminalPhase(j.labelingJobStatus)).length;
    const statuses = jobLevels.map((j) => j.batchStatus);
    let status: BatchLevelView['status'] = 'IN_PROGRESS';
    if (statuses.every((s) => s === 'PENDING')) status = 'PENDING';
    else if (final === jobLevels.length) {
      status = statuses.every((s) => s === 'COMPLETE')
        ? 'COMPLETE'
        : statuses.some((s) => s === 'FAILED' || s === 'BLOCKED')
          ? 'FAILED'
          : 'STOPPED';
    }
    return {
      level,
      name: LEVEL_NAMES[index] ?? `level${level}`,
      status,
      numChildBatches: jobLevels.length,
      numChildBatchesComplete: final,
      jobLevels,
    };
  });
  return { batchId: plan.batchId, status: step.kind === 'done' ? step.status : 'IN_PROGRESS', levels };
}
