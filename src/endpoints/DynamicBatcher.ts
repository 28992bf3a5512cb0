/**
 * A client-side dynamic batcher: items submitted one by one are grouped into requests of at most
 * `maxBatchSize` items (or `maxBatchBytes`), sent after `maxQueueDelayMs` at the latest, with at most
 * `concurrency` requests in flight. Batches may be padded to a compiled batch size and are sliced back per item.
 * A batch refused as too large is split in halves and retried. Every submitted item is answered exactly once;
 * items enter batches in submission order.
 *
 * @module
 */
import { throwIfAborted } from '../kit/abort.js';
import { LimitError, ResponseShapeError, ValidationError } from '../kit/errors.js';
import { isPayloadTooLargeError, PayloadTooLargeError } from './errors.js';

/** What a batch function is told besides the items. */
export interface BatchContext {
  /** Real items at the front of the batch; the rest is padding. */
  readonly realCount: number;
  /** Items sent, padding included. */
  readonly paddedTo: number;
}

/**
 * Sends one batch and returns one result per item sent, in order: a value, or an `Error` for that item alone.
 * Rejecting fails every item of the batch (or, with a `PayloadTooLargeError`, splits the batch in halves).
 */
export type BatchFunction<I, O> = (items: readonly I[], context: BatchContext) => Promise<ReadonlyArray<O | Error>>;

/** Timer used for the queue delay, injectable for tests: schedules `callback`, returns a cancel function. */
export type Scheduler = (callback: () => void, delayMs: number) => () => void;

/** Options of {@link DynamicBatcher}. */
export interface DynamicBatcherOptions<I> {
  /** Most items per request. Default 8. */
  readonly maxBatchSize?: number;
  /** Longest time the oldest queued item waits for a fuller batch, in ms. 0 sends at once. Default 5. */
  readonly maxQueueDelayMs?: number;
  /** Requests in flight at once. Default 4. */
  readonly concurrency?: number;
  /**
   * Batch sizes the model was compiled for (Neuron fixes them at compile time). A batch is padded up to the
   * smallest size that holds it, and never grows beyond the largest.
   */
  readonly compiledBatchSizes?: readonly number[];
  /** Builds a padding item from the batch's real items; required with `compiledBatchSizes`. */
  readonly padItem?: (items: readonly I[]) => I;
  /** Byte budget of one request's items (as measured by `itemBytes`). Default: unlimited. */
  readonly maxBatchBytes?: number;
  /** Size of one item in the request body, for the byte budget. */
  readonly itemBytes?: (item: I) => number;
  /** Items allowed to wait; more are refused with a `LimitError`. Default 100,000. */
  readonly maxQueueSize?: number;
  /** Timer. Default `setTimeout`. */
  readonly schedule?: Scheduler;
  /** Clock in ms. Default `performance.now`. */
  readonly now?: () => number;
}

/** Documented defaults of {@link DynamicBatcherOptions}. */
export const DEFAULT_BATCHER_OPTIONS = Object.freeze({
  /** Most items per request. */
  maxBatchSize: 8,
  /** Longest wait of the oldest queued item, in ms. */
  maxQueueDelayMs: 5,
  /** Requests in flight. */
  concurrency: 4,
  /** Byte budget of one request (unlimited). */
  maxBatchBytes: Number.POSITIVE_INFINITY,
  /** Items allowed to wait. */
  maxQueueSize: 100_000,
});

/** One item's outcome, as returned by {@link DynamicBatcher.submitAll}. */
export type Settled<O> =
  | {
      /** Answered with a value. */
      readonly ok: true;
      /** The item's result. */
      readonly value: O;
    }
  | {
      /** Answered with an error. */
      readonly ok: false;
      /** The item's error (an aws-ml-kit error, or the signal's reason). */
      readonly error: unknown;
    };

interface Entry<I, O> {
  readonly item: I;
  readonly bytes: number;
  readonly enqueuedAt: number;
  settled: boolean;
  resolve(value: O): void;
  reject(error: unknown): void;
  detach(): void;
}

const defaultSchedule: Scheduler = (callback, delayMs) => {
  const timer = setTimeout(callback, delayMs);
  return () => clearTimeout(timer);
};

function positiveInteger(field: string, value: number): number {
  if (!Number.isInteger(value) || value < 1)
    throw new ValidationError(field, `must be a positive integer, got ${value}`);
  return value;
}

/**
 * Groups single submissions into batched requests.
 *
 * @example
 * ```ts
 * const batcher = new DynamicBatcher(async (items) => items.map((x: number) => x * 2), {
 *   maxBatchSize: 6,
 *   maxQueueDelayMs: 2,
 *   compiledBatchSizes: [1, 6],
 *   padItem: () => 0,
 * });
 * const results = await Promise.all([1, 2, 3].map((x) => batcher.submit(x))); // one request of 6, padded
 * ```
 */
export class DynamicBatcher<I, O> {
  readonly #send: BatchFunction<I, O>;
  readonly #maxBatchSize: number;
  readonly #maxQueueDelayMs: number;
  readonly #concurrency: number;
  readonly #compiled: readonly number[] | undefined;
  readonly #padItem: ((items: readonly I[]) => I) | undefined;
  readonly #maxBatchBytes: number;
  readonly #itemBytes: ((item: I) => number) | undefined;
  readonly #maxQueueSize: number;
  readonly #schedule: Scheduler;
  readonly #now: () => number;
  readonly #queue: Entry<I, O>[] = [];
  readonly #idle: Array<() => void> = [];
  #inFlight = 0;
  /** Sum of `bytes` over the queue, kept up to date so checking for a full batch is O(1). */
  #queuedBytes = 0;
  #cancelTimer: (() => void) | undefined;
  #flushing = false;
  #closed = false;

  constructor(send: BatchFunction<I, O>, options: DynamicBatcherOptions<I> = {}) {
    if (typeof send !== 'function') throw new ValidationError('send', 'must be a function');
    const settings = { ...DEFAULT_BATCHER_OPTIONS, ...options };
    this.#send = send;
    let maxBatchSize = positiveInteger('options.maxBatchSize', settings.maxBatchSize);
    if (!(settings.maxQueueDelayMs >= 0 && Number.isFinite(settings.maxQueueDelayMs))) {
      throw new ValidationError(
        'options.maxQueueDelayMs',
        `must be a non-negative finite number, got ${settings.maxQueueDelayMs}`,
      );
    }
    this.#maxQueueDelayMs = settings.maxQueueDelayMs;
    this.#concurrency = positiveInteger('options.concurrency', settings.concurrency);
    if (options.compiledBatchSizes !== undefined) {
      const sizes = options.compiledBatchSizes;
      if (sizes.length === 0) throw new ValidationError('options.compiledBatchSizes', 'must not be empty');
      sizes.forEach((size, i) => {
        positiveInteger(`options.compiledBatchSizes[${i}]`, size);
        if (i > 0 && size <= sizes[i - 1]!) {
          throw new ValidationError('options.compiledBatchSizes', 'must be strictly increasing');
        }
      });
      if (typeof options.padItem !== 'function') {
        throw new ValidationError('options.padItem', 'must be a function when compiledBatchSizes is set');
      }
      maxBatchSize = Math.min(maxBatchSize, sizes[sizes.length - 1]!);
      this.#compiled = [...sizes];
      this.#padItem = options.padItem;
    }
    this.#maxBatchSize = maxBatchSize;
    if (!(settings.maxBatchBytes > 0)) {
      throw new ValidationError('options.maxBatchBytes', `must be a positive number, got ${settings.maxBatchBytes}`);
    }
    this.#maxBatchBytes = settings.maxBatchBytes;
    this.#itemBytes = options.itemBytes;
    this.#maxQueueSize = positiveInteger('options.maxQueueSize', settings.maxQueueSize);
    this.#schedule = options.schedule ?? defaultSchedule;
    this.#now = options.now ?? (() => performance.now());
  }

  /**
   * Largest batch actually sent (the smaller of `maxBatchSize` and the largest compiled size).
   *
   * @example
   * ```ts
   * batcher.maxBatchSize; // 6
   * ```
   */
  get maxBatchSize(): number {
    return this.#maxBatchSize;
  }

  /**
   * Items waiting to be sent.
   *
   * @example
   * ```ts
   * batcher.queued; // 3
   * ```
   */
  get queued(): number {
    return this.#queue.length;
  }

  /**
   * Requests in flight.
   *
   * @example
   * ```ts
   * batcher.inFlight; // ≤ concurrency
   * ```
   */
  get inFlight(): number {
    return this.#inFlight;
  }

  /**
   * Queues one item; resolves with its own result. `signal` abandons this item only: a queued item leaves the
   * queue, an item in flight is answered with the abort reason and its late result is dropped.
   *
   * @example
   * ```ts
   * const prediction = await batcher.submit(features, { signal: AbortSignal.timeout(2_000) });
   * ```
   */
  submit(item: I, options: { signal?: AbortSignal | undefined } = {}): Promise<O> {
    const { signal } = options;
    let bytes: number;
    try {
      if (this.#closed) throw new ValidationError('submit', 'called after close()');
      throwIfAborted(signal);
      if (this.#queue.length >= this.#maxQueueSize) {
        throw new LimitError('queue', `${this.#queue.length} items are already waiting (maxQueueSize)`, {
          retryable: true,
        });
      }
      bytes = this.#itemBytes ? this.#itemBytes(item) : 0;
      // A NaN would poison the queued-byte total for good.
      if (!(Number.isFinite(bytes) && bytes >= 0)) {
        throw new ValidationError('options.itemBytes', `must return a non-negative finite number, got ${bytes}`);
      }
      if (bytes > this.#maxBatchBytes) {
        throw new PayloadTooLargeError('item', bytes, this.#maxBatchBytes, 'the batch byte budget');
      }
    } catch (error) {
      return Promise.reject(error);
    }
    return new Promise<O>((resolve, reject) => {
      const onAbort = (): void => {
        const at = this.#queue.indexOf(entry);
        if (at >= 0) {
          this.#queue.splice(at, 1);
          this.#queuedBytes -= entry.bytes;
        }
        settle(entry, () => reject(signal?.reason));
        this.#pump();
      };
      const entry: Entry<I, O> = {
        item,
        bytes,
        enqueuedAt: this.#now(),
        settled: false,
        resolve: (value) => settle(entry, () => resolve(value)),
        reject: (error) => settle(entry, () => reject(error)),
        detach: () => signal?.removeEventListener('abort', onAbort),
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#queue.push(entry);
      this.#queuedBytes += bytes;
      this.#pump();
    });
  }

  /**
   * Submits every item and returns their outcomes in submission order (never rejects for an item's failure).
   *
   * @example
   * ```ts
   * const outcomes = await batcher.submitAll(rows);
   * const failed = outcomes.filter((o) => !o.ok).length;
   * ```
   */
  async submitAll(items: readonly I[], options: { signal?: AbortSignal | undefined } = {}): Promise<Settled<O>[]> {
    const outcomes = await Promise.allSettled(items.map((item) => this.submit(item, options)));
    return outcomes.map((o) =>
      o.status === 'fulfilled' ? { ok: true, value: o.value } : { ok: false, error: o.reason },
    );
  }

  /**
   * Sends everything queued now, without waiting for the queue delay, and resolves when nothing is queued or in
   * flight.
   *
   * @example
   * ```ts
   * await batcher.flush();
   * ```
   */
  flush(): Promise<void> {
    this.#flushing = true;
    this.#pump();
    return this.#whenIdle();
  }

  /**
   * Refuses new items, sends what is queued and resolves when every item has been answered.
   *
   * @example
   * ```ts
   * await batcher.close();
   * ```
   */
  close(): Promise<void> {
    this.#closed = true;
    return this.flush();
  }

  #whenIdle(): Promise<void> {
    if (this.#queue.length === 0 && this.#inFlight === 0) {
      this.#flushing = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.#idle.push(resolve));
  }

  #pump(): void {
    while (this.#inFlight < this.#concurrency && this.#queue.length > 0) {
      if (!this.#flushing && !this.#full() && !this.#due()) break;
      this.#dispatch(this.#take());
    }
    this.#cancelTimer?.();
    this.#cancelTimer = undefined;
    if (this.#queue.length > 0 && this.#inFlight < this.#concurrency) {
      const waitMs = Math.max(0, this.#queue[0]!.enqueuedAt + this.#maxQueueDelayMs - this.#now());
      this.#cancelTimer = this.#schedule(() => {
        this.#cancelTimer = undefined;
        this.#pump();
      }, waitMs);
    }
    if (this.#queue.length === 0 && this.#inFlight === 0) {
      this.#flushing = false;
      for (const resolve of this.#idle.splice(0)) resolve();
    }
  }

  #full(): boolean {
    // Everything queued would not fit one request: a batch is as full as it will get.
    return this.#queue.length >= this.#maxBatchSize || this.#queuedBytes > this.#maxBatchBytes;
  }

  #due(): boolean {
    return this.#now() - this.#queue[0]!.enqueuedAt >= this.#maxQueueDelayMs;
  }

  #take(): Entry<I, O>[] {
    let count = 0;
    let bytes = 0;
    while (count < this.#queue.length && count < this.#maxBatchSize) {
      const next = this.#queue[count]!;
      if (count > 0 && bytes + next.bytes > this.#maxBatchBytes) break;
      bytes += next.bytes;
      count++;
    }
    this.#queuedBytes -= bytes;
    // One splice per batch: shifting item by item is quadratic on a long queue.
    return this.#queue.splice(0, count);
  }

  #dispatch(batch: Entry<I, O>[]): void {
    this.#inFlight++;
    this.#run(batch).finally(() => {
      this.#inFlight--;
      this.#pump();
    });
  }

  async #run(batch: Entry<I, O>[]): Promise<void> {
    const live = batch.filter((entry) => !entry.settled);
    if (live.length === 0) return;
    const items = live.map((entry) => entry.item);
    let paddedTo = items.length;
    let results: ReadonlyArray<O | Error>;
    try {
      // Inside the try: a throwing padItem must answer the batch, not leave it pending.
      if (this.#compiled && this.#padItem) {
        paddedTo = this.#compiled.find((size) => size >= items.length)!;
        const padding = this.#padItem(items);
        while (items.length < paddedTo) items.push(padding);
      }
      results = await this.#send(items, { realCount: live.length, paddedTo });
    } catch (error) {
      if (isPayloadTooLargeError(error) && live.length > 1) {
        // Too large for one request: halve it. The halves reuse this request slot, so concurrency still holds.
        const half = Math.ceil(live.length / 2);
        await this.#run(live.slice(0, half));
        await this.#run(live.slice(half));
        return;
      }
      for (const entry of live) entry.reject(error);
      return;
    }
    if (!Array.isArray(results) || results.length < live.length) {
      const error = new ResponseShapeError(
        'batch',
        'results',
        `has ${Array.isArray(results) ? results.length : 'no'} entries for ${live.length} items`,
      );
      for (const entry of live) entry.reject(error);
      return;
    }
    live.forEach((entry, i) => {
      const result = results[i];
      if (result instanceof Error) entry.reject(result);
      else entry.resolve(result as O);
    });
  }
}

function settle<I, O>(entry: Entry<I, O>, answer: () => void): void {
  // Exactly once: the first answer wins (an abort, or the batch's result), later ones are dropped.
  if (entry.settled) return;
  entry.settled = true;
  entry.detach();
  answer();
}
