/**
 * A local stand-in for the SageMaker Ground Truth control plane (`CreateLabelingJob`, `DescribeLabelingJob`,
 * `StopLabelingJob`) for a real `SageMakerClient`. It validates requests as the service documents them — name
 * pattern and case-insensitive uniqueness (names are never reusable), the label attribute rules including
 * `-ref` per task type, ARN regions, task time limits — advances each job's status on a script, and on
 * completion writes an output manifest (and `SeqLabel.json` files for `-ref` tasks) into an S3 stand-in.
 * It simulates the workflow; no human labels anything.
 *
 * The `-ref` table here is the service's rule written down independently of `aws-ml-kit/ground-truth`'s
 * registry on purpose: the stand-in is the oracle the planner is tested against.
 *
 * @module
 */
import type { LabelingJobStatus } from '../ground-truth/services.js';
import { S3StandIn } from './S3StandIn.js';
import {
  awsError,
  type StandInClientConfig,
  type StandInReply,
  type StandInRequest,
  StandInServer,
} from './StandInServer.js';

/** How one job behaves. */
export interface LabelingJobScript {
  /** Status returned by each DescribeLabelingJob call, in order; the last repeats. Default `['InProgress', 'Completed']`. */
  readonly statuses?: readonly LabelingJobStatus[];
  /** `FailureReason` once the job is `Failed`. */
  readonly failureReason?: string;
}

/** Where the stand-in reads input manifests and writes outputs: an {@link S3StandIn} or the same shape. */
export interface StandInObjectStore {
  /** Object bytes, or `undefined`. */
  get(bucket: string, key: string): Uint8Array | undefined;
  /** Stores an object. */
  put(bucket: string, key: string, body: Uint8Array, contentType?: string): void;
}

/** Options of {@link SageMakerLabelingStandIn.start}. */
export interface SageMakerLabelingStandInOptions {
  /** Serve on this stand-in server (e.g. one an S3 stand-in also uses). Default: a new one. */
  readonly server?: StandInServer;
  /** Region of the server (ARNs must match it). Default `us-west-2`. Ignored when `server` is given. */
  readonly region?: string;
  /** Account id of created job ARNs. Default `123456789012`. */
  readonly accountId?: string;
  /** Object store for manifests. Default: an {@link S3StandIn} on the same server. */
  readonly objects?: StandInObjectStore;
  /** Script per job (by name). Default: `InProgress`, then `Completed`. */
  readonly script?: (jobName: string) => LabelingJobScript | undefined;
  /** Clock in epoch ms (jobs unfinished 30 days after creation fail). Default `Date.now`. */
  readonly now?: () => number;
}

/** A job as the stand-in holds it. */
export interface StandInLabelingJob {
  /** Name as created. */
  readonly name: string;
  /** Current status. */
  readonly status: LabelingJobStatus;
  /** The request, as received. */
  readonly request: Readonly<Record<string, unknown>>;
  /** Creation time, epoch ms. */
  readonly createdAtMs: number;
  /** Describe calls so far. */
  readonly describeCount: number;
}

interface MutableJob {
  name: string;
  status: LabelingJobStatus;
  request: Record<string, unknown>;
  createdAtMs: number;
  describeCount: number;
  script: LabelingJobScript;
  failureReason?: string;
  stopRequested: boolean;
  outputWritten: boolean;
  labeled: number;
}

/** The request fields the stand-in reads, as validated by `CreateLabelingJob` (leaves unknown before that). */
interface RequestBody<Leaf = unknown> {
  readonly LabelingJobName?: Leaf;
  readonly LabelAttributeName?: Leaf;
  readonly LabelCategoryConfigS3Uri?: Leaf;
  readonly RoleArn?: Leaf;
  readonly InputConfig?: { readonly DataSource?: { readonly S3DataSource?: { readonly ManifestS3Uri?: Leaf } } };
  readonly OutputConfig?: { readonly S3OutputPath?: Leaf };
  readonly HumanTaskConfig?: {
    readonly PreHumanTaskLambdaArn?: Leaf;
    readonly AnnotationConsolidationConfig?: { readonly AnnotationConsolidationLambdaArn?: Leaf };
    readonly UiConfig?: { readonly HumanTaskUiArn?: Leaf };
    readonly WorkteamArn?: Leaf;
    readonly TaskTimeLimitInSeconds?: unknown;
    readonly NumberOfHumanWorkersPerDataObject?: unknown;
  };
}

const NAME = /^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$/;
const ATTRIBUTE = /^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,126}$/;
/** Task types whose label attribute must end in `-ref` (SageMaker API reference, LabelAttributeName). */
const REF_REQUIRED = new Set([
  'SemanticSegmentation',
  'AdjustmentSemanticSegmentation',
  'VideoObjectDetection',
  'VideoObjectTracking',
  'AdjustmentVideoObjectDetection',
  'AdjustmentVideoObjectTracking',
  '3DPointCloudSemanticSegmentation',
  '3DPointCloudObjectTracking',
  'Adjustment3DPointCloudSemanticSegmentation',
  'Adjustment3DPointCloudObjectTracking',
]);
/** Task types whose label attribute must not end in `-ref`. */
const REF_FORBIDDEN = new Set([
  'VerificationSemanticSegmentation',
  '3DPointCloudObjectDetection',
  'Adjustment3DPointCloudObjectDetection',
]);
const LONG_TASKS = /Video|3DPointCloud/;
const THIRTY_DAYS_MS = 30 * 24 * 3600 * 1000;

function invalid(message: string): StandInReply {
  return awsError('ValidationException', 400, message);
}

function regionOf(arn: unknown): string | undefined {
  return typeof arn === 'string' ? arn.split(':')[3] : undefined;
}

function s3Parts(uri: string): { bucket: string; key: string } | undefined {
  const match = /^s3:\/\/([^/]+)\/(.+)$/.exec(uri);
  return match ? { bucket: match[1]!, key: match[2]! } : undefined;
}

/**
 * A local SageMaker Ground Truth.
 *
 * @example
 * ```ts
 * import { SageMakerClient } from '@aws-sdk/client-sagemaker';
 * import { SageMakerLabelingStandIn } from 'aws-ml-kit/testing';
 *
 * const standIn = await SageMakerLabelingStandIn.start({ region: 'us-west-2' });
 * standIn.s3?.put('input-bucket', 'clip.manifest', manifestBytes);
 * const sagemaker = new SageMakerClient(standIn.clientConfig());
 * // … run a GroundTruthChain against it …
 * await standIn.close();
 * ```
 */
export class SageMakerLabelingStandIn {
  readonly #server: StandInServer;
  readonly #ownsServer: boolean;
  readonly #region: string;
  readonly #account: string;
  readonly #objects: StandInObjectStore;
  readonly #s3: S3StandIn | undefined;
  readonly #script: SageMakerLabelingStandInOptions['script'];
  readonly #now: () => number;
  readonly #jobs = new Map<string, MutableJob>();

  private constructor(
    server: StandInServer,
    ownsServer: boolean,
    options: SageMakerLabelingStandInOptions,
    s3: S3StandIn | undefined,
  ) {
    this.#server = server;
    this.#ownsServer = ownsServer;
    this.#region = server.clientConfig().region;
    this.#account = options.accountId ?? '123456789012';
    this.#s3 = s3;
    this.#objects = options.objects ?? s3!;
    this.#script = options.script;
    this.#now = options.now ?? Date.now;
    this.#install();
  }

  /**
   * Starts the stand-in (and, unless `objects` is given, an S3 stand-in on the same server).
   *
   * @example
   * ```ts
   * const standIn = await SageMakerLabelingStandIn.start({ script: (name) => name.endsWith('lane') ? { statuses: ['Failed'] } : undefined });
   * ```
   */
  static async start(options: SageMakerLabelingStandInOptions = {}): Promise<SageMakerLabelingStandIn> {
    const server = options.server ?? (await StandInServer.start({ region: options.region ?? 'us-west-2' }));
    const s3 = options.objects === undefined ? await S3StandIn.start({ server }) : undefined;
    return new SageMakerLabelingStandIn(server, options.server === undefined, options, s3);
  }

  /**
   * The underlying server (fault injection, recorded calls).
   *
   * @example
   * ```ts
   * standIn.server.callsOf('CreateLabelingJob').length;
   * ```
   */
  get server(): StandInServer {
    return this.#server;
  }

  /**
   * The S3 stand-in this stand-in started, if it started one.
   *
   * @example
   * ```ts
   * standIn.s3?.put('bucket', 'in.manifest', bytes);
   * ```
   */
  get s3(): S3StandIn | undefined {
    return this.#s3;
  }

  /**
   * Client configuration for a `SageMakerClient` (and, with `forcePathStyle`, an `S3Client`).
   *
   * @example
   * ```ts
   * const client = new SageMakerClient(standIn.clientConfig({ maxAttempts: 1 }));
   * ```
   */
  clientConfig(options: { maxAttempts?: number } = {}): StandInClientConfig & {
    /** S3 path-style addressing, for an `S3Client` on the same stand-in. */
    forcePathStyle: true;
  } {
    return { ...this.#server.clientConfig(options), forcePathStyle: true };
  }

  /**
   * Jobs created so far.
   *
   * @example
   * ```ts
   * standIn.jobs().map((job) => [job.name, job.status]);
   * ```
   */
  jobs(): StandInLabelingJob[] {
    return [...this.#jobs.values()].map((job) => ({
      name: job.name,
      status: job.status,
      request: job.request,
      createdAtMs: job.createdAtMs,
      describeCount: job.describeCount,
    }));
  }

  /**
   * Stops the server if this stand-in started it.
   *
   * @example
   * ```ts
   * afterAll(() => standIn.close());
   * ```
   */
  async close(): Promise<void> {
    if (this.#ownsServer) await this.#server.close();
  }

  #install(): void {
    this.#server.on('CreateLabelingJob', (request) => this.#create(request));
    this.#server.on('DescribeLabelingJob', (request) => this.#describe(request));
    this.#server.on('StopLabelingJob', (request) => this.#stop(request));
  }

  #create(request: StandInRequest): StandInReply {
    const body = request.json<RequestBody>() ?? {};
    const name = body.LabelingJobName;
    if (typeof name !== 'string' || !NAME.test(name)) return invalid('LabelingJobName does not match the pattern');
    if (this.#jobs.has(name.toLowerCase()))
      return awsError('ResourceInUse', 400, `Labeling job ${name} already exists`);
    const attribute = body.LabelAttributeName;
    if (typeof attribute !== 'string' || !ATTRIBUTE.test(attribute)) {
      return invalid('LabelAttributeName does not match the pattern');
    }
    if (attribute.endsWith('-metadata') || attribute === 'source' || attribute === 'source-ref') {
      return invalid('LabelAttributeName is reserved or ends in -metadata');
    }
    const human = body.HumanTaskConfig ?? {};
    const pre = human.PreHumanTaskLambdaArn;
    const acs = human.AnnotationConsolidationConfig?.AnnotationConsolidationLambdaArn;
    const ui = human.UiConfig?.HumanTaskUiArn;
    for (const [field, arn] of [
      ['PreHumanTaskLambdaArn', pre],
      ['AnnotationConsolidationLambdaArn', acs],
      ['WorkteamArn', human.WorkteamArn],
      ...(ui === undefined ? [] : [['HumanTaskUiArn', ui]]),
    ] as const) {
      if (regionOf(arn) !== this.#region) return invalid(`${field} is not in region ${this.#region}`);
    }
    const taskType = typeof pre === 'string' ? /:function:PRE-(.+)$/.exec(pre)?.[1] : undefined;
    if (taskType === undefined) return invalid('PreHumanTaskLambdaArn is not a built-in function');
    if (REF_REQUIRED.has(taskType) && !attribute.endsWith('-ref')) {
      return invalid(`LabelAttributeName must end in -ref for ${taskType}`);
    }
    if (REF_FORBIDDEN.has(taskType) && attribute.endsWith('-ref')) {
      return invalid(`LabelAttributeName must not end in -ref for ${taskType}`);
    }
    const limit = LONG_TASKS.test(taskType) ? 2_592_000 : 28_800;
    const time = human.TaskTimeLimitInSeconds;
    if (typeof time !== 'number' || time < 30 || time > limit) {
      return invalid(`TaskTimeLimitInSeconds must be 30-${limit} for ${taskType}`);
    }
    const workers = human.NumberOfHumanWorkersPerDataObject;
    if (typeof workers !== 'number' || workers < 1 || workers > 9) {
      return invalid('NumberOfHumanWorkersPerDataObject must be 1-9');
    }
    if (typeof body.InputConfig?.DataSource?.S3DataSource?.ManifestS3Uri !== 'string') {
      return invalid('InputConfig.DataSource.S3DataSource.ManifestS3Uri is required');
    }
    if (typeof body.OutputConfig?.S3OutputPath !== 'string' || typeof body.RoleArn !== 'string') {
      return invalid('OutputConfig.S3OutputPath and RoleArn are required');
    }
    this.#jobs.set(name.toLowerCase(), {
      name,
      status: 'Initializing',
      request: body as Record<string, unknown>,
      createdAtMs: this.#now(),
      describeCount: 0,
      script: this.#script?.(name) ?? {},
      stopRequested: false,
      outputWritten: false,
      labeled: 0,
    });
    return { json: { LabelingJobArn: this.#arn(name) } };
  }

  #arn(name: string): string {
    return `arn:aws:sagemaker:${this.#region}:${this.#account}:labeling-job/${name.toLowerCase()}`;
  }

  #describe(request: StandInRequest): StandInReply {
    const name = request.json<{ LabelingJobName?: string }>()?.LabelingJobName ?? '';
    const job = this.#jobs.get(name.toLowerCase());
    if (!job) return awsError('ResourceNotFound', 400, `Could not find labeling job ${name}`);
    this.#advance(job);
    const body = job.request;
    const output = `${String((body.OutputConfig as { S3OutputPath: string }).S3OutputPath).replace(/\/+$/, '')}/${job.name}`;
    return {
      json: {
        LabelingJobName: job.name,
        LabelingJobArn: this.#arn(job.name),
        LabelingJobStatus: job.status,
        LabelAttributeName: body.LabelAttributeName,
        LabelCounters: {
          TotalLabeled: job.labeled,
          HumanLabeled: job.labeled,
          MachineLabeled: 0,
          FailedNonRetryableError: 0,
          Unlabeled: 0,
        },
        CreationTime: job.createdAtMs / 1000,
        LastModifiedTime: this.#now() / 1000,
        JobReferenceCode: `stand-in-${job.name.length}`,
        InputConfig: body.InputConfig,
        OutputConfig: body.OutputConfig,
        RoleArn: body.RoleArn,
        HumanTaskConfig: body.HumanTaskConfig,
        ...(body.LabelCategoryConfigS3Uri === undefined
          ? {}
          : { LabelCategoryConfigS3Uri: body.LabelCategoryConfigS3Uri }),
        ...(job.failureReason === undefined ? {} : { FailureReason: job.failureReason }),
        ...(job.outputWritten
          ? { LabelingJobOutput: { OutputDatasetS3Uri: `${output}/manifests/output/output.manifest` } }
          : {}),
      },
    };
  }

  #advance(job: MutableJob): void {
    job.describeCount++;
    if (job.status === 'Completed' || job.status === 'Failed' || job.status === 'Stopped') return;
    if (job.stopRequested) {
      job.status = job.status === 'Stopping' ? 'Stopped' : 'Stopping';
    } else if (this.#now() - job.createdAtMs > THIRTY_DAYS_MS) {
      job.status = 'Failed';
      job.failureReason = 'The labeling job did not complete within 30 days.';
    } else {
      const statuses = job.script.statuses ?? ['InProgress', 'Completed'];
      job.status = statuses[Math.min(job.describeCount - 1, statuses.length - 1)] ?? 'Completed';
      if (job.status === 'Failed')
        job.failureReason = job.script.failureReason ?? 'ClientError: stand-in scripted failure';
    }
    if (job.status === 'Completed' || job.status === 'Stopped') this.#writeOutput(job);
  }

  #stop(request: StandInRequest): StandInReply {
    const name = request.json<{ LabelingJobName?: string }>()?.LabelingJobName ?? '';
    const job = this.#jobs.get(name.toLowerCase());
    if (!job) return awsError('ResourceNotFound', 400, `Could not find labeling job ${name}`);
    if (job.status === 'InProgress' || job.status === 'Initializing') {
      job.stopRequested = true;
      job.status = 'Stopping';
    }
    return { json: {} };
  }

  /** Writes the output manifest: every input line plus this job's label and metadata. */
  #writeOutput(job: MutableJob): void {
    const body = job.request as RequestBody<string>;
    const input = s3Parts(body.InputConfig?.DataSource?.S3DataSource?.ManifestS3Uri ?? '');
    const bytes = input && this.#objects.get(input.bucket, input.key);
    if (bytes === undefined) {
      job.status = 'Failed';
      job.failureReason = 'ClientError: the input manifest could not be read.';
      return;
    }
    const attribute = body.LabelAttributeName ?? '';
    const taskType = /PRE-(.+)$/.exec(body.HumanTaskConfig?.PreHumanTaskLambdaArn ?? '')?.[1] ?? '';
    const outputPrefix = `${String(body.OutputConfig?.S3OutputPath).replace(/\/+$/, '')}/${job.name}`;
    const classMap = this.#classMap(body.LabelCategoryConfigS3Uri);
    const lines = new TextDecoder()
      .decode(bytes)
      .split('\n')
      .filter((line) => line.trim().length > 0);
    const created = new Date(this.#now()).toISOString().replace('Z', '000').slice(0, 26);
    const out = lines.map((line, index) => {
      const record = JSON.parse(line) as Record<string, unknown>;
      let value: unknown = { annotations: [] };
      if (attribute.endsWith('-ref')) {
        const seqUri = `${outputPrefix}/annotations/consolidated-annotation/output/${index}/SeqLabel.json`;
        const seq = s3Parts(seqUri)!;
        const seqLabel = {
          'tracking-annotations': [
            {
              annotations: [
                {
                  height: 10,
                  width: 10,
                  top: index,
                  left: index,
                  'class-id': '0',
                  'label-category-attributes': {},
                  'object-id': `stand-in-object-${index}`,
                  'object-name': `${classMap['0'] ?? 'Object'}:1`,
                },
              ],
              'frame-no': '0',
              frame: '000001.jpg',
              'frame-attributes': {},
            },
          ],
        };
        this.#objects.put(seq.bucket, seq.key, new TextEncoder().encode(JSON.stringify(seqLabel)), 'application/json');
        value = seqUri;
      }
      record[attribute] = value;
      record[`${attribute}-metadata`] = {
        'class-map': classMap,
        'job-name': `labeling-job/${job.name}`,
        'human-annotated': 'yes',
        'creation-date': created,
        type: `groundtruth/${taskType
          .replace(/^(Adjustment|Verification)/, '')
          .replace(/([a-z])([A-Z])/g, '$1-$2')
          .toLowerCase()}`,
        ...(taskType.startsWith('Adjustment') ? { 'adjustment-status': 'unadjusted' } : {}),
      };
      return JSON.stringify(record);
    });
    const target = s3Parts(`${outputPrefix}/manifests/output/output.manifest`)!;
    this.#objects.put(target.bucket, target.key, new TextEncoder().encode(out.map((l) => `${l}\n`).join('')));
    job.outputWritten = true;
    job.labeled = lines.length;
  }

  #classMap(uri: unknown): Record<string, string> {
    const where = typeof uri === 'string' ? s3Parts(uri) : undefined;
    const bytes = where && this.#objects.get(where.bucket, where.key);
    if (!bytes) return {};
    try {
      const config = JSON.parse(new TextDecoder().decode(bytes)) as { labels?: { label?: unknown }[] };
      return Object.fromEntries((config.labels ?? []).map((l, i) => [String(i), String(l.label)]));
    } catch {
      return {};
    }
  }
}
