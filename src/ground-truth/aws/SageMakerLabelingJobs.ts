/**
 * The SageMaker control-plane operations of a labeling chain — `CreateLabelingJob`, `DescribeLabelingJob`,
 * `StopLabelingJob` — through `@aws-sdk/client-sagemaker` (an optional peer, imported on first use).
 *
 * @module
 */
import type { SageMakerClient, SageMakerClientConfig } from '@aws-sdk/client-sagemaker';
import { type ClientOptions, importOptional, LazyClient, loadOnce } from '../../kit/clients.js';
import { ResponseShapeError } from '../../kit/errors.js';
import { createSafeLogger, type Logger } from '../../kit/log.js';
import { callService } from '../../kit/service-call.js';
import type {
  CallOptions,
  CreatedLabelingJob,
  LabelingJobDescription,
  LabelingJobService,
  LabelingJobStatus,
} from '../services.js';
import type { CreateLabelingJobRequestLike } from '../workflow.js';

const PACKAGE = '@aws-sdk/client-sagemaker';
const FEATURE = 'SageMakerLabelingJobs';
const loadSageMaker = loadOnce(() => importOptional(() => import('@aws-sdk/client-sagemaker'), PACKAGE, FEATURE));
const STATUSES: ReadonlySet<string> = new Set([
  'Initializing',
  'InProgress',
  'Completed',
  'Failed',
  'Stopping',
  'Stopped',
]);

/** Options of {@link SageMakerLabelingJobs}. */
export type SageMakerLabelingJobsOptions = ClientOptions<SageMakerClient, SageMakerClientConfig> & {
  /** Receives metadata only. Never handed to the SDK client. */
  readonly logger?: Logger;
  /** Extra raw `CreateLabelingJob` input merged into every request (e.g. `LabelingJobAlgorithmsConfig`). */
  readonly sdkOptions?: Record<string, unknown>;
};

/**
 * A {@link LabelingJobService} on the SageMaker API.
 *
 * @example
 * ```ts
 * const service = new SageMakerLabelingJobs({ clientConfig: { region: 'us-west-2' } });
 * const job = await service.describe('nb-track-823f6d3e-vehicle');
 * service.destroy();
 * ```
 */
export class SageMakerLabelingJobs implements LabelingJobService {
  readonly #client: LazyClient<SageMakerClient, SageMakerClientConfig>;
  readonly #logger: Logger;
  readonly #sdkOptions: Record<string, unknown>;

  /** @throws ValidationError with both `client` and `clientConfig`. */
  constructor(options: SageMakerLabelingJobsOptions = {}) {
    this.#client = new LazyClient<SageMakerClient, SageMakerClientConfig>(options, {
      packageName: PACKAGE,
      feature: FEATURE,
      create: async (config) => new (await loadSageMaker()).SageMakerClient(config),
    });
    this.#logger = createSafeLogger(options.logger);
    this.#sdkOptions = options.sdkOptions ?? {};
  }

  /**
   * `CreateLabelingJob`.
   *
   * @example
   * ```ts
   * const { arn } = await service.create(plan.levels[0].jobs[0].request);
   * ```
   */
  async create(request: CreateLabelingJobRequestLike, options: CallOptions = {}): Promise<CreatedLabelingJob> {
    const sdk = await loadSageMaker();
    const output = await callService<{ LabelingJobArn?: string }>(
      await this.#client.get(),
      new sdk.CreateLabelingJobCommand({ ...this.#sdkOptions, ...request } as never),
      { service: 'SageMaker', operation: 'CreateLabelingJob', signal: options.signal, logger: this.#logger },
    );
    if (typeof output.LabelingJobArn !== 'string') {
      throw new ResponseShapeError('SageMaker.CreateLabelingJob', 'LabelingJobArn', 'is missing');
    }
    return { arn: output.LabelingJobArn };
  }

  /**
   * `DescribeLabelingJob`, read into the fields the chain uses.
   *
   * @example
   * ```ts
   * const { status, labelCounters } = await service.describe('nb-track-823f6d3e-vehicle');
   * ```
   */
  async describe(name: string, options: CallOptions = {}): Promise<LabelingJobDescription> {
    const sdk = await loadSageMaker();
    const out = await callService<{
      LabelingJobName?: string;
      LabelingJobArn?: string;
      LabelingJobStatus?: string;
      LabelCounters?: Record<string, number | undefined>;
      FailureReason?: string;
      LabelingJobOutput?: { OutputDatasetS3Uri?: string };
      LabelAttributeName?: string;
      InputConfig?: { DataSource?: { S3DataSource?: { ManifestS3Uri?: string } } };
      CreationTime?: Date;
      $metadata?: { requestId?: string };
    }>(await this.#client.get(), new sdk.DescribeLabelingJobCommand({ LabelingJobName: name }), {
      service: 'SageMaker',
      operation: 'DescribeLabelingJob',
      signal: options.signal,
      logger: this.#logger,
      meta: { jobId: name },
    });
    if (typeof out.LabelingJobStatus !== 'string' || !STATUSES.has(out.LabelingJobStatus)) {
      throw new ResponseShapeError('SageMaker.DescribeLabelingJob', 'LabelingJobStatus', 'is missing or unknown', {
        requestId: out.$metadata?.requestId,
      });
    }
    const counters = out.LabelCounters;
    const input = out.InputConfig?.DataSource?.S3DataSource?.ManifestS3Uri;
    return {
      name: out.LabelingJobName ?? name,
      status: out.LabelingJobStatus as LabelingJobStatus,
      ...(out.LabelingJobArn === undefined ? {} : { arn: out.LabelingJobArn }),
      ...(counters === undefined
        ? {}
        : {
            labelCounters: {
              totalLabeled: counters.TotalLabeled ?? 0,
              humanLabeled: counters.HumanLabeled ?? 0,
              machineLabeled: counters.MachineLabeled ?? 0,
              failedNonRetryableError: counters.FailedNonRetryableError ?? 0,
              unlabeled: counters.Unlabeled ?? 0,
            },
          }),
      ...(out.FailureReason === undefined ? {} : { failureReason: out.FailureReason }),
      ...(out.LabelingJobOutput?.OutputDatasetS3Uri === undefined
        ? {}
        : { outputDatasetS3Uri: out.LabelingJobOutput.OutputDatasetS3Uri }),
      ...(out.LabelAttributeName === undefined ? {} : { labelAttributeName: out.LabelAttributeName }),
      ...(input === undefined ? {} : { inputManifestS3Uri: input }),
      ...(out.CreationTime instanceof Date ? { createdAtMs: out.CreationTime.getTime() } : {}),
      ...(out.$metadata?.requestId === undefined ? {} : { requestId: out.$metadata.requestId }),
    };
  }

  /**
   * `StopLabelingJob`.
   *
   * @example
   * ```ts
   * await service.stop('nb-track-823f6d3e-vehicle');
   * ```
   */
  async stop(name: string, options: CallOptions = {}): Promise<void> {
    const sdk = await loadSageMaker();
    await callService(await this.#client.get(), new sdk.StopLabelingJobCommand({ LabelingJobName: name }), {
      service: 'SageMaker',
      operation: 'StopLabelingJob',
      signal: options.signal,
      logger: this.#logger,
      meta: { jobId: name },
    });
  }

  /**
   * Destroys the client if this object created it.
   *
   * @example
   * ```ts
   * service.destroy();
   * ```
   */
  destroy(): void {
    this.#client.destroy();
  }
}
