/**
 * The interfaces the chain runs on: a labeling job service (SageMaker control plane), an object store
 * (S3 or a local folder) and a state store (a JSON file by default). Adapters implement them; tests and
 * users can too.
 *
 * @module
 */
import { isAwsMlKitError } from '../kit/errors.js';
import { ObjectNotFoundError } from './errors.js';
import type { CreateLabelingJobRequestLike } from './workflow.js';

/** `LabelingJobStatus` of `DescribeLabelingJob`. */
export type LabelingJobStatus = 'Initializing' | 'InProgress' | 'Completed' | 'Failed' | 'Stopping' | 'Stopped';

/** `LabelCounters` of `DescribeLabelingJob`. */
export interface LabelCounters {
  /** Objects labeled. */
  readonly totalLabeled?: number;
  /** By humans. */
  readonly humanLabeled?: number;
  /** By automated labeling. */
  readonly machineLabeled?: number;
  /** Objects that failed without retry. */
  readonly failedNonRetryableError?: number;
  /** Objects not labeled yet. */
  readonly unlabeled?: number;
}

/** What the chain reads from `DescribeLabelingJob`. */
export interface LabelingJobDescription {
  /** Job name. */
  readonly name: string;
  /** Job ARN. */
  readonly arn?: string;
  /** Status. */
  readonly status: LabelingJobStatus;
  /** Counters. */
  readonly labelCounters?: LabelCounters;
  /** The service's failure reason (names and limits, no data). */
  readonly failureReason?: string;
  /** `LabelingJobOutput.OutputDatasetS3Uri`: the output manifest. */
  readonly outputDatasetS3Uri?: string;
  /** Label attribute name, to reconcile a `ResourceInUse`. */
  readonly labelAttributeName?: string;
  /** Input manifest, to reconcile a `ResourceInUse`. */
  readonly inputManifestS3Uri?: string;
  /** Creation time, epoch milliseconds. */
  readonly createdAtMs?: number;
  /** Request id of the describe call. */
  readonly requestId?: string;
}

/** Cancellation for one call. */
export interface CallOptions {
  /** Cancels the call. */
  readonly signal?: AbortSignal | undefined;
}

/** What `CreateLabelingJob` returns. */
export interface CreatedLabelingJob {
  /** The job ARN. */
  readonly arn: string;
}

/** The SageMaker labeling-job operations the chain needs. */
export interface LabelingJobService {
  /** `CreateLabelingJob`. Rejects with a `ServiceError` whose `errorName` is `ResourceInUse` for a used name. */
  create(request: CreateLabelingJobRequestLike, options?: CallOptions): Promise<CreatedLabelingJob>;
  /** `DescribeLabelingJob`. Rejects with a `ServiceError` of code `NOT_FOUND` for an unknown name. */
  describe(name: string, options?: CallOptions): Promise<LabelingJobDescription>;
  /** `StopLabelingJob`. */
  stop(name: string, options?: CallOptions): Promise<void>;
}

/** Manifests and label category files live here: S3, a local folder, or memory. URIs are `s3://bucket/key`. */
export interface ObjectStore {
  /** The whole object. Rejects with an aws-ml-kit error of code `NOT_FOUND` when it does not exist. */
  get(uri: string, options?: CallOptions): Promise<Uint8Array>;
  /** The object as a stream of chunks (for large manifests). */
  stream(uri: string, options?: CallOptions): AsyncIterable<Uint8Array>;
  /** Writes (replaces) an object. */
  put(uri: string, body: Uint8Array | string, options?: CallOptions & { readonly contentType?: string }): Promise<void>;
}

/** Where the chain keeps its state between runs. */
export interface ChainStateStore {
  /** The saved state of a batch, or `undefined`. */
  load(batchId: string, options?: CallOptions): Promise<unknown>;
  /** Saves (replaces) the state of a batch, durably, before the chain acts on it. */
  save(batchId: string, state: unknown, options?: CallOptions): Promise<void>;
}

/**
 * Whether an error is the service's "name already used" answer to `CreateLabelingJob`.
 *
 * @example
 * ```ts
 * if (isResourceInUse(error)) await reconcile(name);
 * ```
 */
export function isResourceInUse(error: unknown): boolean {
  return isAwsMlKitError(error) && (error as { errorName?: unknown }).errorName === 'ResourceInUse';
}

/**
 * Whether an error means "no such job or object".
 *
 * @example
 * ```ts
 * if (isNotFound(error)) await create();
 * ```
 */
export function isNotFound(error: unknown): boolean {
  return isAwsMlKitError(error) && error.code === 'NOT_FOUND';
}

/**
 * A state store in memory (tests, or a process that never restarts).
 *
 * @example
 * ```ts
 * const chain = new GroundTruthChain({ plan, service, objects, stateStore: new InMemoryChainStateStore() });
 * ```
 */
export class InMemoryChainStateStore implements ChainStateStore {
  readonly #states = new Map<string, string>();

  /**
   * The saved state, as a fresh copy.
   *
   * @example
   * ```ts
   * await store.load('nb-track-823f6d3e');
   * ```
   */
  async load(batchId: string): Promise<unknown> {
    const text = this.#states.get(batchId);
    return text === undefined ? undefined : JSON.parse(text);
  }

  /**
   * Saves a copy.
   *
   * @example
   * ```ts
   * await store.save('nb-track-823f6d3e', state);
   * ```
   */
  async save(batchId: string, state: unknown): Promise<void> {
    this.#states.set(batchId, JSON.stringify(state));
  }
}

/**
 * An object store in memory, for tests and examples.
 *
 * @example
 * ```ts
 * const objects = new InMemoryObjectStore();
 * await objects.put('s3://bucket/in.manifest', '{"source-ref":"s3://bucket/a.jpg"}\n');
 * ```
 */
export class InMemoryObjectStore implements ObjectStore {
  readonly #objects = new Map<string, Uint8Array>();

  /**
   * Reads an object.
   *
   * @example
   * ```ts
   * new TextDecoder().decode(await objects.get('s3://bucket/in.manifest'));
   * ```
   */
  async get(uri: string): Promise<Uint8Array> {
    const body = this.#objects.get(uri);
    if (body === undefined) throw new ObjectNotFoundError(uri);
    return body;
  }

  /**
   * Streams an object in 64 KiB chunks.
   *
   * @example
   * ```ts
   * for await (const chunk of objects.stream(uri)) total += chunk.byteLength;
   * ```
   */
  async *stream(uri: string): AsyncIterable<Uint8Array> {
    const body = await this.get(uri);
    for (let offset = 0; offset < body.byteLength; offset += 65_536) yield body.subarray(offset, offset + 65_536);
  }

  /**
   * Stores an object.
   *
   * @example
   * ```ts
   * await objects.put('s3://bucket/config.json', JSON.stringify(config));
   * ```
   */
  async put(uri: string, body: Uint8Array | string): Promise<void> {
    this.#objects.set(uri, typeof body === 'string' ? new TextEncoder().encode(body) : new Uint8Array(body));
  }

  /**
   * URIs stored, sorted.
   *
   * @example
   * ```ts
   * objects.uris(); // ['s3://bucket/in.manifest']
   * ```
   */
  uris(): string[] {
    return [...this.#objects.keys()].sort();
  }
}
