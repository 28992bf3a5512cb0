/**
 * `GroundTruthChain`: runs a {@link LabelingPlan} level by level — a level's jobs created in parallel, polled
 * with backoff (there is no SDK waiter) or woken by EventBridge state-change events, a between-levels hook,
 * and durable state so a restarted process resumes without creating any job twice.
 *
 * @module
 */
import { sleep, throwIfAborted, withDeadline } from '../kit/abort.js';
import { isAwsMlKitError, ValidationError } from '../kit/errors.js';
import { createSafeLogger, type Logger } from '../kit/log.js';
import { type BackoffOptions, backoffDelayMs } from '../kit/retry.js';
import { callPlugin } from './callPlugin.js';
import {
  applyDescription,
  type BatchJobView,
  type BatchStatus,
  type BatchView,
  batchView,
  type ChainState,
  initialChainState,
  isTerminalPhase,
  nextChainStep,
  restoreChainState,
  updateJob,
} from './chainState.js';
import { ParentJobNotCompleteError } from './errors.js';
import { writeLabelCategoryFile } from './labelCategoryFiles.js';
import { JsonFileChainStateStore } from './node/JsonFileChainStateStore.js';
import { planJobs } from './planLabelingChain.js';
import {
  type ChainStateStore,
  isNotFound,
  isResourceInUse,
  type LabelingJobDescription,
  type LabelingJobService,
  type LabelingJobStatus,
  type ObjectStore,
} from './services.js';
import type { LabelingPlan, PlannedJob } from './workflow.js';

/** What the between-levels hook receives. */
export interface BetweenLevelsContext {
  /** The level that just finished. */
  readonly level: number;
  /** The level about to start. */
  readonly nextLevel: number;
  /** The finished level's jobs (statuses, output manifests). */
  readonly finished: readonly BatchJobView[];
  /** The next level's planned jobs. */
  readonly next: readonly PlannedJob[];
  /** The object store, to read output manifests and write filtered ones. */
  readonly objects: ObjectStore;
  /** Cancels the hook's work. */
  readonly signal: AbortSignal | undefined;
}

/** What the hook may return: replacement input manifests for next-level jobs, by job id. */
export interface BetweenLevelsResult {
  /** Job id → `s3://` URI of the manifest to use instead of the parent's output manifest. */
  readonly inputManifests?: Readonly<Record<string, string>>;
}

/** A progress report. */
export interface ChainProgress {
  /** What happened. */
  readonly event: 'created' | 'adopted' | 'status' | 'blocked' | 'hook' | 'done';
  /** The level concerned. */
  readonly level?: number;
  /** The job concerned. */
  readonly jobId?: string;
  /** Its name. */
  readonly jobName?: string;
  /** Its phase. */
  readonly status?: string;
  /** Jobs final so far. */
  readonly finishedJobs: number;
  /** Jobs in the plan. */
  readonly totalJobs: number;
}

/** A job that failed. */
export interface FailedJob {
  /** Job id in the workflow. */
  readonly jobId: string;
  /** Job name. */
  readonly jobName: string;
  /** The service's failure reason. */
  readonly failureReason?: string;
}

/** A job never created because its parent did not complete. */
export interface BlockedJob {
  /** Job id in the workflow. */
  readonly jobId: string;
  /** Job name. */
  readonly jobName: string;
  /** The parent job's name. */
  readonly blockedBy?: string;
}

/** The outcome of {@link GroundTruthChain.run}. */
export interface ChainResult {
  /** `COMPLETE`, `FAILED` (some job failed; its descendants were not created) or `STOPPED`. */
  readonly status: Exclude<BatchStatus, 'IN_PROGRESS'>;
  /** The batch view at the end. */
  readonly view: BatchView;
  /** Jobs that failed, with the service's reason. */
  readonly failedJobs: readonly FailedJob[];
  /** Jobs never created because a parent did not complete. */
  readonly blockedJobs: readonly BlockedJob[];
}

/** An EventBridge "SageMaker Ground Truth Labeling Job State Change" event (the fields read). */
export interface LabelingJobStateChangeEvent {
  /** `SageMaker Ground Truth Labeling Job State Change`. */
  readonly 'detail-type'?: string;
  /** Job ARNs. */
  readonly resources?: readonly string[];
  /** Detail. */
  readonly detail?: {
    /** New status. */
    readonly LabelingJobStatus?: string;
    /** Job name, when present. */
    readonly LabelingJobName?: string;
  };
}

// Names of the plug-in boundaries in errors (`ServiceError.service`).
const SERVICE = 'LabelingJobService';
const STORE = 'ChainStateStore';

/** Options of {@link GroundTruthChain}. */
export interface GroundTruthChainOptions {
  /** The plan (from `planLabelingChain`). */
  readonly plan: LabelingPlan;
  /** SageMaker labeling jobs (e.g. `SageMakerLabelingJobs`). */
  readonly service: LabelingJobService;
  /** Where manifests and label category files live (e.g. `S3ObjectStore`). */
  readonly objects: ObjectStore;
  /** Durable state. Default: a JSON file at `stateFile`. */
  readonly stateStore?: ChainStateStore;
  /** State file of the default store. Default `.ground-truth/{batchId}.json` under the working directory. */
  readonly stateFile?: string;
  /** Runs after a level is final and before the next starts; may replace next-level input manifests. */
  readonly betweenLevels?: (context: BetweenLevelsContext) => Promise<BetweenLevelsResult | undefined> | Promise<void>;
  /** Backoff between DescribeLabelingJob rounds. Default {@link DEFAULT_GROUND_TRUTH_CHAIN_OPTIONS}.poll. */
  readonly poll?: BackoffOptions;
  /** Progress reports. */
  readonly onProgress?: (progress: ChainProgress) => void;
  /** Receives metadata only (job names are ids chosen by code; never manifests or labels). */
  readonly logger?: Logger;
}

/** Defaults of {@link GroundTruthChainOptions}. Labeling jobs take hours to days, so polling starts at 30 s. */
export const DEFAULT_GROUND_TRUTH_CHAIN_OPTIONS: {
  /** Polling backoff: 30 s growing by 1.5× to 5 minutes, 20 % jitter. */
  readonly poll: Readonly<Required<Omit<BackoffOptions, 'random'>>>;
  /** Folder of the default state files. */
  readonly stateDirectory: string;
} = Object.freeze({
  poll: Object.freeze({ initialDelayMs: 30_000, maxDelayMs: 300_000, factor: 1.5, jitter: 0.2 }),
  stateDirectory: '.ground-truth',
});

/** Options of {@link GroundTruthChain.run}. */
export interface RunOptions {
  /** Cancels waiting; the state stays, so `run()` resumes later. */
  readonly signal?: AbortSignal;
  /** Stop waiting after this long (the jobs keep running; `run()` again resumes). */
  readonly timeoutMs?: number;
}

/**
 * Runs a labeling plan as a durable, resumable chain of SageMaker Ground Truth jobs.
 *
 * @example
 * ```ts
 * const chain = new GroundTruthChain({
 *   plan: planLabelingChain(workflow),
 *   service: new SageMakerLabelingJobs({ clientConfig: { region: 'us-west-2' } }),
 *   objects: new S3ObjectStore({ clientConfig: { region: 'us-west-2' } }),
 *   onProgress: (p) => console.log(p.event, p.jobName, p.status),
 * });
 * const result = await chain.run(); // resumes from .ground-truth/<batchId>.json after a crash
 * if (result.status !== 'COMPLETE') console.error(result.failedJobs, result.blockedJobs);
 * ```
 */
export class GroundTruthChain {
  readonly #plan: LabelingPlan;
  readonly #service: LabelingJobService;
  readonly #objects: ObjectStore;
  readonly #store: ChainStateStore;
  readonly #options: GroundTruthChainOptions;
  readonly #logger: Logger;
  readonly #jobs: ReadonlyMap<string, PlannedJob>;
  #state: ChainState | undefined;
  #wake: AbortController = new AbortController();
  #writes: Promise<void> = Promise.resolve();

  /** @throws ValidationError without a plan, service or object store. */
  constructor(options: GroundTruthChainOptions) {
    if (typeof options?.plan !== 'object' || options.plan === null || options.plan.version !== 1) {
      throw new ValidationError('options.plan', 'must be a plan from planLabelingChain');
    }
    if (typeof options.service?.create !== 'function') {
      throw new ValidationError('options.service', 'must be a LabelingJobService (e.g. SageMakerLabelingJobs)');
    }
    if (typeof options.objects?.get !== 'function') {
      throw new ValidationError('options.objects', 'must be an ObjectStore (e.g. S3ObjectStore)');
    }
    this.#plan = options.plan;
    this.#service = options.service;
    this.#objects = options.objects;
    this.#options = options;
    this.#store =
      options.stateStore ??
      new JsonFileChainStateStore({
        path: options.stateFile ?? `${DEFAULT_GROUND_TRUTH_CHAIN_OPTIONS.stateDirectory}/${options.plan.batchId}.json`,
      });
    this.#logger = createSafeLogger(options.logger);
    this.#jobs = new Map(planJobs(options.plan).map((job) => [job.id, job]));
  }

  /**
   * Runs (or resumes) the chain until every job is final; returns the outcome. A failed job's descendants are
   * not created and are reported as blocked; other branches go on.
   *
   * @example
   * ```ts
   * const result = await chain.run({ signal: AbortSignal.timeout(3_600_000) });
   * ```
   */
  async run(options: RunOptions = {}): Promise<ChainResult> {
    const signal = withDeadline(options.signal, options.timeoutMs);
    await this.#load(signal);
    let attempt = 0;
    for (;;) {
      throwIfAborted(signal);
      // Always the latest state: stop() may have saved a newer one while this loop awaited.
      let state = this.#state!;
      const step = nextChainStep(this.#plan, state);
      switch (step.kind) {
        case 'done': {
          const result = this.#result(state, step.status);
          this.#logger.info('chain finished', { status: step.status, count: result.failedJobs.length });
          this.#progress({ event: 'done', status: step.status }, state);
          return result;
        }
        case 'block': {
          for (const id of step.jobIds) {
            const parent = this.#jobs.get(id)?.parentJobName;
            state = updateJob(state, id, { phase: 'blocked', failureReason: `parent job ${parent} did not complete` });
            this.#progress({ event: 'blocked', jobId: id, status: 'blocked' }, state);
          }
          await this.#save(state, signal);
          break;
        }
        case 'hook': {
          await this.#runHook(step.level, step.nextLevel, signal);
          break;
        }
        case 'create': {
          attempt = 0;
          const results = await Promise.allSettled(step.jobIds.map((id) => this.#create(id, signal)));
          const failure = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
          if (failure) throw failure.reason;
          break;
        }
        case 'wait': {
          // Taken before the round: a notify() while it is in flight must still cut the next sleep short.
          const wake = this.#wake.signal;
          state = await this.#describeAll(step.jobIds, signal);
          if (!step.jobIds.every((id) => isTerminalPhase(state.jobs[id]!.phase))) {
            const delayMs = backoffDelayMs(attempt++, {
              ...DEFAULT_GROUND_TRUTH_CHAIN_OPTIONS.poll,
              ...this.#options.poll,
            });
            this.#logger.debug('waiting for level', { index: step.level, delayMs, count: step.jobIds.length });
            await this.#sleepOrWake(delayMs, wake, signal);
          }
          break;
        }
      }
    }
  }

  /**
   * The batch view from the saved state: levels, job names, statuses, manifests, counters.
   *
   * @example
   * ```ts
   * const view = await chain.status();
   * for (const level of view.levels) console.log(level.name, level.status, level.numChildBatchesComplete);
   * ```
   */
  async status(options: { signal?: AbortSignal } = {}): Promise<BatchView> {
    return batchView(this.#plan, await this.#load(options.signal));
  }

  /**
   * Stops the chain: no further jobs are created and every running job gets `StopLabelingJob`. A running
   * `run()` then returns `STOPPED` once the jobs are final.
   *
   * @example
   * ```ts
   * await chain.stop();
   * ```
   */
  async stop(options: { signal?: AbortSignal } = {}): Promise<void> {
    let state = await this.#load(options.signal);
    state = { ...state, stopRequested: true };
    state = await this.#save(state, options.signal);
    const running = Object.values(state.jobs).filter(
      (job) => job.phase === 'InProgress' || job.phase === 'Initializing',
    );
    // Jobs still being created are stopped by #create once they exist.
    await Promise.all(running.map((job) => this.#stopJob(job.name, options.signal)));
    this.notify();
  }

  async #stopJob(name: string, signal: AbortSignal | undefined): Promise<void> {
    try {
      await callPlugin(SERVICE, 'stop', () => this.#service.stop(name, { signal }), signal);
    } catch (error) {
      // A job that finished meanwhile cannot be stopped; its status is read on the next poll.
      if (!isAwsMlKitError(error) || signal?.aborted) throw error;
      this.#logger.warn('stop failed', { jobId: name, code: error.code });
    }
  }

  /**
   * Wakes the poller now: pass EventBridge "Labeling Job State Change" events for this batch's jobs (or
   * nothing). The chain then describes its jobs at once instead of waiting for the next backoff delay.
   *
   * @returns `false`, without waking anything, for an event about none of this chain's jobs; else `true`.
   * @example
   * ```ts
   * // in an SQS consumer fed by an EventBridge rule on source aws.sagemaker
   * chain.notify(JSON.parse(message.Body));
   * ```
   */
  notify(event?: LabelingJobStateChangeEvent): boolean {
    if (event !== undefined) {
      const names = new Set([...this.#jobs.values()].map((job) => job.request.LabelingJobName.toLowerCase()));
      const named = [
        event.detail?.LabelingJobName,
        ...(event.resources ?? []).map((arn) => arn.slice(arn.lastIndexOf('/') + 1)),
      ].filter((name): name is string => typeof name === 'string');
      if (!named.some((name) => names.has(name.toLowerCase()))) return false;
    }
    this.#wake.abort();
    this.#wake = new AbortController();
    return true;
  }

  async #sleepOrWake(delayMs: number, wake: AbortSignal, signal: AbortSignal | undefined): Promise<void> {
    if (wake.aborted) return;
    try {
      await sleep(delayMs, signal ? AbortSignal.any([signal, wake]) : wake);
    } catch (error) {
      if (signal?.aborted || !wake.aborted) throw error;
    }
  }

  async #load(signal: AbortSignal | undefined): Promise<ChainState> {
    if (this.#state) return this.#state;
    const saved = await callPlugin(STORE, 'load', () => this.#store.load(this.#plan.batchId, { signal }), signal);
    this.#state = saved === undefined ? initialChainState(this.#plan) : restoreChainState(this.#plan, saved);
    return this.#state;
  }

  /** Saves in order: parallel job updates of one level must not overwrite each other. */
  async #save(state: ChainState, signal: AbortSignal | undefined): Promise<ChainState> {
    this.#state = state;
    const write = this.#writes.then(() => this.#store.save(this.#plan.batchId, this.#state, { signal }));
    this.#writes = write.catch(() => undefined);
    await callPlugin(STORE, 'save', () => write, signal);
    return this.#state;
  }

  async #patch(id: string, patch: Parameters<typeof updateJob>[2], signal: AbortSignal | undefined): Promise<void> {
    await this.#save(updateJob(this.#state!, id, patch), signal);
  }

  async #create(id: string, signal: AbortSignal | undefined): Promise<void> {
    const job = this.#jobs.get(id)!;
    const name = job.request.LabelingJobName;
    const before = this.#state!.jobs[id]!;
    if (before.phase === 'creating') {
      // A previous run may have crashed after CreateLabelingJob was sent: ask before creating again.
      const existing = await this.#describeOrUndefined(name, signal);
      if (existing !== undefined) return this.#adopt(id, job, existing, signal);
    }
    if (job.existingParent) {
      const parent = await this.#describe(job.parentJobName!, signal);
      if (parent.status !== 'Completed') throw new ParentJobNotCompleteError(job.parentJobName!, parent.status);
    }
    await writeLabelCategoryFile(job, this.#objects, { signal }); // raced and wrapped inside
    const request = {
      ...job.request,
      InputConfig: {
        ...job.request.InputConfig,
        DataSource: { S3DataSource: { ManifestS3Uri: before.inputManifestS3Uri } },
      },
    };
    await this.#patch(id, { phase: 'creating' }, signal);
    try {
      const { arn } = await callPlugin(SERVICE, 'create', () => this.#service.create(request, { signal }), signal);
      await this.#patch(id, { phase: 'Initializing', arn }, signal);
      this.#logger.info('job created', { jobId: name, index: job.level });
      this.#progress({ event: 'created', level: job.level, jobId: id, jobName: name, status: 'Initializing' });
    } catch (error) {
      if (!isResourceInUse(error)) throw error;
      await this.#adopt(id, job, await this.#describe(name, signal), signal);
    }
    // stop() skips jobs it finds still `creating`: a stop requested while this job was created applies now.
    if (this.#state!.stopRequested && !isTerminalPhase(this.#state!.jobs[id]!.phase)) {
      await this.#stopJob(name, signal);
    }
  }

  /** Takes over a job that already exists under the planned name, if it is the planned job. */
  async #adopt(id: string, job: PlannedJob, existing: LabelingJobDescription, signal: AbortSignal | undefined) {
    const name = job.request.LabelingJobName;
    const input = this.#state!.jobs[id]!.inputManifestS3Uri;
    if (
      (existing.labelAttributeName !== undefined && existing.labelAttributeName !== job.request.LabelAttributeName) ||
      (existing.inputManifestS3Uri !== undefined && existing.inputManifestS3Uri !== input)
    ) {
      throw new ValidationError(
        `jobs.${id}.name`,
        `is already used by another labeling job (${name}); job names can never be reused, choose a new batch id`,
      );
    }
    await this.#save(applyDescription(this.#state!, id, existing), signal);
    this.#logger.info('job adopted', { jobId: name, status: existing.status });
    this.#progress({ event: 'adopted', level: job.level, jobId: id, jobName: name, status: existing.status });
  }

  #describe(name: string, signal: AbortSignal | undefined): Promise<LabelingJobDescription> {
    return callPlugin(SERVICE, 'describe', () => this.#service.describe(name, { signal }), signal);
  }

  async #describeOrUndefined(name: string, signal: AbortSignal | undefined) {
    try {
      return await this.#describe(name, signal);
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  async #describeAll(ids: readonly string[], signal: AbortSignal | undefined): Promise<ChainState> {
    const descriptions = await Promise.all(
      ids.map(async (id) => {
        const name = this.#jobs.get(id)!.request.LabelingJobName;
        // A job still `creating` here belongs to a stopped chain (else it would be created): it may not exist.
        const creating = this.#state!.jobs[id]!.phase === 'creating';
        return [
          id,
          creating ? await this.#describeOrUndefined(name, signal) : await this.#describe(name, signal),
        ] as const;
      }),
    );
    let state = this.#state!;
    for (const [id, description] of descriptions) {
      if (description === undefined) {
        state = updateJob(state, id, { phase: 'pending' }); // never created; a stopped chain leaves it so
        continue;
      }
      const before = state.jobs[id]!.phase;
      state = applyDescription(state, id, description);
      if (before !== description.status) {
        const job = this.#jobs.get(id)!;
        this.#logger.info('job status', { jobId: description.name, status: description.status });
        this.#progress(
          { event: 'status', level: job.level, jobId: id, jobName: description.name, status: description.status },
          state,
        );
      }
    }
    return this.#save(state, signal);
  }

  async #runHook(level: number, nextLevel: number, signal: AbortSignal | undefined) {
    const hook = this.#options.betweenLevels;
    let replacements: Record<string, string> = {};
    if (hook !== undefined) {
      const view = batchView(this.#plan, this.#state!);
      const context = {
        level,
        nextLevel,
        finished: view.levels.find((l) => l.level === level)!.jobLevels,
        next: this.#plan.levels.find((l) => l.level === nextLevel)!.jobs,
        objects: this.#objects,
        signal,
      };
      const result = await callPlugin<Awaited<ReturnType<typeof hook>>>(
        'betweenLevels',
        'call',
        () => hook(context),
        signal,
      );
      replacements = result?.inputManifests ?? {};
      for (const [id, uri] of Object.entries(replacements)) {
        const job = this.#jobs.get(id);
        if (job === undefined || job.level !== nextLevel) {
          throw new ValidationError(`betweenLevels().inputManifests.${id}`, `names no job of level ${nextLevel}`);
        }
        if (typeof uri !== 'string' || !uri.startsWith('s3://')) {
          throw new ValidationError(`betweenLevels().inputManifests.${id}`, 'must be an s3:// URI');
        }
      }
    }
    // Built on the state as it is now, not as it was before the hook: stop() may have run meanwhile.
    let next = this.#state!;
    for (const [id, uri] of Object.entries(replacements)) next = updateJob(next, id, { inputManifestS3Uri: uri });
    next = { ...next, hooksDone: [...next.hooksDone, level] };
    this.#progress({ event: 'hook', level }, next);
    return this.#save(next, signal);
  }

  #progress(progress: Omit<ChainProgress, 'finishedJobs' | 'totalJobs'>, state = this.#state!): void {
    const jobs = Object.values(state.jobs);
    try {
      this.#options.onProgress?.({
        ...progress,
        finishedJobs: jobs.filter((job) => isTerminalPhase(job.phase)).length,
        totalJobs: jobs.length,
      });
    } catch {
      // A progress callback must not break the chain.
    }
  }

  #result(state: ChainState, status: ChainResult['status']): ChainResult {
    const jobs = Object.values(state.jobs);
    return {
      status,
      view: batchView(this.#plan, state),
      failedJobs: jobs
        .filter((job) => job.phase === 'Failed')
        .map((job) => ({
          jobId: job.id,
          jobName: job.name,
          ...(job.failureReason === undefined ? {} : { failureReason: job.failureReason }),
        })),
      blockedJobs: jobs
        .filter((job) => job.phase === 'blocked')
        .map((job) => {
          const parent = this.#jobs.get(job.id)?.parentJobName;
          return { jobId: job.id, jobName: job.name, ...(parent === undefined ? {} : { blockedBy: parent }) };
        }),
    };
  }
}

/** Statuses after which a job changes no more. */
export const FINAL_LABELING_JOB_STATUSES: readonly LabelingJobStatus[] = Object.freeze([
  'Completed',
  'Failed',
  'Stopped',
]);
