/**
 * `NeuronEndpointClient`: invokes a (Neuron-compiled) SageMaker endpoint through a dynamic batcher sized by a
 * deployment plan, pads to compiled shapes, keeps metrics, and benchmarks into the P13 table.
 *
 * @module
 */
import { throwIfAborted, withDeadline } from '../kit/abort.js';
import { ValidationError } from '../kit/errors.js';
import { createSafeLogger, type Logger } from '../kit/log.js';
import { SageMakerRuntimeInvoker } from './aws/SageMakerRuntimeInvoker.js';
import type { SageMakerRuntimeClientOptions } from './aws/sagemakerRuntimeClient.js';
import { type BenchmarkMeasurement, type BenchmarkRow, benchmarkRows } from './benchmarkTable.js';
import { type BatchCodec, jsonCodec } from './codecs.js';
import { type CompiledShape, paddingLike, padToSequenceLength, type SequenceItem } from './compiledShape.js';
import { DynamicBatcher, type Settled } from './DynamicBatcher.js';
import type { EndpointTransport, InvokeRequest } from './EndpointTransport.js';
import { PayloadTooLargeError } from './errors.js';
import { LatencyHistogram } from './LatencyHistogram.js';
import type { SageMakerRuntimeLimits } from './limits.js';
import { InvocationMetrics, type MetricsSnapshot } from './metrics.js';
import type { NeuronPlan } from './neuronPlanner.js';
import type { EndpointRetryOptions } from './retryPolicy.js';
import { checkRequestHeaders, checkTimeout } from './validation.js';

/** Headers sent with every request. */
export type EndpointRequestHeaders = Pick<
  InvokeRequest,
  'customAttributes' | 'targetModel' | 'targetVariant' | 'inferenceComponentName'
>;

/** Settings of {@link NeuronEndpointClient} besides the target. */
export interface NeuronEndpointClientSettings<I, O> extends EndpointRetryOptions, EndpointRequestHeaders {
  /** A plan from `planNeuronDeployment`: sets the default concurrency and the benchmark's table columns. */
  readonly plan?: NeuronPlan;
  /** Compiled batch sizes and sequence length; batches are padded and items checked before any request. */
  readonly compiledShape?: CompiledShape;
  /** Body codec. Default `jsonCodec()` (a JSON array in, a JSON array out). */
  readonly codec?: BatchCodec<I, O>;
  /** Most items per request. Default 8, or the largest compiled batch size. */
  readonly maxBatchSize?: number;
  /** Longest wait for a fuller batch, in ms. Default 5. */
  readonly maxQueueDelayMs?: number;
  /** Requests in flight. Default `plan.concurrency`, else 4. */
  readonly concurrency?: number;
  /** Deadline per request (retries included), in ms. */
  readonly timeoutMs?: number;
  /** Hourly price of the endpoint's instances, for `costPerMillionUsd`. Default: the plan's catalogue price × instances. */
  readonly pricePerHourUsd?: number;
  /** Receives metadata only. */
  readonly logger?: Logger;
}

/** The target: a SageMaker endpoint (with `{ client }` or `{ clientConfig }`), or any {@link EndpointTransport}. */
export type EndpointTarget =
  | (SageMakerRuntimeClientOptions & {
      /** SageMaker endpoint name. */
      readonly endpointName: string;
      /** Overrides of the runtime limits (e.g. 4 MB for serverless). */
      readonly limits?: Partial<SageMakerRuntimeLimits>;
      /** Not with `endpointName`. */
      readonly transport?: never;
    })
  | {
      /** A transport of your own, e.g. a `TfServingRestTransport`. */
      readonly transport: EndpointTransport;
      /** Not with `transport`. */
      readonly endpointName?: never;
      /** Not with `transport`. */
      readonly client?: never;
      /** Not with `transport`. */
      readonly clientConfig?: never;
    };

/** Options of {@link NeuronEndpointClient}. */
export type NeuronEndpointClientOptions<I, O> = EndpointTarget & NeuronEndpointClientSettings<I, O>;

/** Documented defaults of {@link NeuronEndpointClient}. */
export const DEFAULT_NEURON_ENDPOINT_CLIENT_OPTIONS = Object.freeze({
  /** Most items per request (when no compiled batch sizes are given). */
  maxBatchSize: 8,
  /** Longest wait for a fuller batch, in ms. */
  maxQueueDelayMs: 5,
  /** Requests in flight (when no plan is given). */
  concurrency: 4,
});

/** Options of {@link NeuronEndpointClient.benchmark}. */
export interface NeuronBenchmarkOptions<I> {
  /** One item to send (copied to fill each batch). */
  readonly sample: I;
  /** Batch sizes to measure, one table row each. Default `[1]`. */
  readonly batchSizes?: readonly number[];
  /** Requests in flight. Default: the client's concurrency. */
  readonly concurrency?: number;
  /** Measuring time per batch size, in ms. Default 10,000. */
  readonly durationMs?: number;
  /** Requests per batch size sent first and left out of the numbers (model loading, connection set-up). Default 1. */
  readonly warmupRequests?: number;
  /** Hourly price for the cost column. Default: the client's price. */
  readonly pricePerHour?: number;
  /** Instance label of the rows. Default: the plan's instance, else the target. */
  readonly instance?: string;
  /** A row (e.g. a GPU measurement) to compute the ratio columns against. */
  readonly baseline?: BenchmarkMeasurement;
  /** Called after each batch size with the rows so far. */
  readonly onProgress?: (progress: {
    readonly done: number;
    readonly total: number;
    readonly rows: readonly BenchmarkRow[];
  }) => void;
  /** Stops the benchmark; it rejects with the signal's reason. */
  readonly signal?: AbortSignal;
}

/**
 * A client for a Neuron-compiled model behind a SageMaker endpoint (or any transport).
 *
 * @example
 * ```ts
 * const plan = planNeuronDeployment({ instanceType: 'inf1.xlarge', weights: 110e6, objective: 'throughput' });
 * const client = new NeuronEndpointClient({
 *   endpointName: 'bert-base-inf1',
 *   clientConfig: { region: 'us-east-1' },
 *   plan,
 *   compiledShape: { batchSizes: [1, 6], sequenceLength: 128 },
 * });
 * const answer = await client.predict({ input_ids: ids, attention_mask: mask });
 * ```
 */
export class NeuronEndpointClient<I = unknown, O = unknown> {
  readonly #transport: EndpointTransport;
  readonly #ownsTransport: boolean;
  readonly #codec: BatchCodec<I, O>;
  readonly #shape: CompiledShape | undefined;
  readonly #headers: EndpointRequestHeaders;
  readonly #timeoutMs: number | undefined;
  readonly #batcher: DynamicBatcher<I, O>;
  readonly #metrics: InvocationMetrics;
  readonly #plan: NeuronPlan | undefined;
  readonly #price: number | undefined;
  readonly #concurrency: number;
  readonly #logger: Logger;

  /**
   * @throws ValidationError for bad batching, shape, header, retry or timeout settings, before any request.
   */
  constructor(options: NeuronEndpointClientOptions<I, O>) {
    if (options === null || typeof options !== 'object') throw new ValidationError('options', 'must be an object');
    this.#logger = createSafeLogger(options.logger);
    this.#codec = options.codec ?? jsonCodec<I, O>();
    this.#shape = options.compiledShape;
    this.#plan = options.plan;
    this.#headers = {
      customAttributes: options.customAttributes,
      targetModel: options.targetModel,
      targetVariant: options.targetVariant,
      inferenceComponentName: options.inferenceComponentName,
    };
    checkRequestHeaders(this.#headers, 'options');
    this.#timeoutMs = checkTimeout(options.timeoutMs, 'options.timeoutMs');
    const shape = this.#shape;
    if (shape?.sequenceLength !== undefined && !(Number.isInteger(shape.sequenceLength) && shape.sequenceLength > 0)) {
      throw new ValidationError(
        'options.compiledShape.sequenceLength',
        `must be a positive integer, got ${shape.sequenceLength}`,
      );
    }
    this.#price =
      options.pricePerHourUsd ??
      (this.#plan?.instance.pricePerHourUsd === undefined
        ? undefined
        : this.#plan.instance.pricePerHourUsd * Math.max(1, this.#plan.concurrency / this.#plan.copiesPerInstance));
    this.#metrics = new InvocationMetrics(this.#price === undefined ? {} : { pricePerHourUsd: this.#price });
    this.#concurrency =
      options.concurrency ?? this.#plan?.concurrency ?? DEFAULT_NEURON_ENDPOINT_CLIENT_OPTIONS.concurrency;
    const maxBatchSize = this.#codec.batching
      ? (options.maxBatchSize ?? shape?.batchSizes?.at(-1) ?? DEFAULT_NEURON_ENDPOINT_CLIENT_OPTIONS.maxBatchSize)
      : 1;
    const compiled = this.#codec.batching ? shape?.batchSizes : undefined;
    this.#batcher = new DynamicBatcher<I, O>((items, context) => this.#sendBatch(items, context.realCount), {
      maxBatchSize,
      maxQueueDelayMs: options.maxQueueDelayMs ?? DEFAULT_NEURON_ENDPOINT_CLIENT_OPTIONS.maxQueueDelayMs,
      concurrency: this.#concurrency,
      ...(compiled
        ? {
            compiledBatchSizes: compiled,
            padItem: (items: readonly I[]) => paddingLike(items[0]!, shape?.padValue ?? 0),
          }
        : {}),
    });
    if (options.transport !== undefined) {
      if (typeof options.transport?.invoke !== 'function') {
        throw new ValidationError('options.transport', 'must have an invoke() method');
      }
      this.#transport = options.transport;
      this.#ownsTransport = false;
    } else {
      const { endpointName, limits, maxRetries, backoff } = options;
      this.#transport = new SageMakerRuntimeInvoker({
        ...(options.client === undefined ? { clientConfig: options.clientConfig } : { client: options.client }),
        endpointName,
        ...(limits === undefined ? {} : { limits }),
        ...(maxRetries === undefined ? {} : { maxRetries }),
        ...(backoff === undefined ? {} : { backoff }),
        ...(options.logger === undefined ? {} : { logger: options.logger }),
      } as ConstructorParameters<typeof SageMakerRuntimeInvoker>[0]);
      this.#ownsTransport = true;
    }
  }

  /**
   * Predicts one item through the batcher: it shares a request with items submitted around the same time.
   * Rejects with this item's own error only.
   *
   * @example
   * ```ts
   * const [start, end] = await client.predict({ input_ids, attention_mask }, { signal });
   * ```
   */
  predict(item: I, options: { signal?: AbortSignal } = {}): Promise<O> {
    try {
      return this.#submit(this.#prepare(item, 'item'), options);
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /**
   * Predicts many items; outcomes in input order, one per item (never rejects for an item's failure). Every item
   * is checked against the compiled shape first, so bad input fails before any request.
   *
   * @example
   * ```ts
   * const outcomes = await client.predictAll(sentences.map(tokenize));
   * ```
   */
  async predictAll(items: readonly I[], options: { signal?: AbortSignal } = {}): Promise<Settled<O>[]> {
    if (!Array.isArray(items)) throw new ValidationError('items', 'must be an array');
    const prepared = items.map((item, i) => this.#prepare(item, `items[${i}]`));
    const outcomes = await Promise.allSettled(prepared.map((item) => this.#submit(item, options)));
    return outcomes.map((o) =>
      o.status === 'fulfilled' ? { ok: true, value: o.value } : { ok: false, error: o.reason },
    );
  }

  /**
   * Counts, throughput, latency percentiles and cost per 1M so far.
   *
   * @example
   * ```ts
   * const { throughputPerSecond, latencyMs } = client.metrics();
   * ```
   */
  metrics(): MetricsSnapshot {
    return this.#metrics.snapshot();
  }

  /**
   * Measures the endpoint at each batch size with `concurrency` closed-loop workers for `durationMs`, and
   * returns the P13 table rows (throughput, p95 latency per request, cost per 1M, ratios to `baseline`).
   *
   * @example
   * ```ts
   * const rows = await client.benchmark({ sample, batchSizes: [1, 6], durationMs: 30_000, pricePerHour: 0.368 });
   * console.log(formatBenchmarkMarkdown(rows));
   * ```
   */
  async benchmark(options: NeuronBenchmarkOptions<I>): Promise<BenchmarkRow[]> {
    if (options === null || typeof options !== 'object') throw new ValidationError('options', 'must be an object');
    const batchSizes = options.batchSizes ?? [1];
    const durationMs = options.durationMs ?? 10_000;
    const concurrency = options.concurrency ?? this.#concurrency;
    const warmup = options.warmupRequests ?? 1;
    const price = options.pricePerHour ?? this.#price;
    if (!Array.isArray(batchSizes) || batchSizes.length === 0) {
      throw new ValidationError('options.batchSizes', 'must be a non-empty array');
    }
    batchSizes.forEach((size, i) => {
      if (!Number.isInteger(size) || size < 1) {
        throw new ValidationError(`options.batchSizes[${i}]`, `must be a positive integer, got ${size}`);
      }
      const compiled = this.#shape?.batchSizes;
      if (compiled && !compiled.includes(size)) {
        throw new ValidationError(
          `options.batchSizes[${i}]`,
          `must be a compiled batch size (${compiled.join(', ')}), got ${size}`,
        );
      }
      if (!this.#codec.batching && size !== 1) {
        throw new ValidationError(`options.batchSizes[${i}]`, 'must be 1: the codec carries one item per request');
      }
    });
    if (!(durationMs > 0)) throw new ValidationError('options.durationMs', `must be positive, got ${durationMs}`);
    if (!Number.isInteger(concurrency) || concurrency < 1) {
      throw new ValidationError('options.concurrency', `must be a positive integer, got ${concurrency}`);
    }
    if (!Number.isInteger(warmup) || warmup < 0) {
      throw new ValidationError('options.warmupRequests', `must be a non-negative integer, got ${warmup}`);
    }
    if (price === undefined || !(price >= 0)) {
      throw new ValidationError('options.pricePerHour', 'must be given (USD per hour) when the plan has no price');
    }
    const sample = this.#prepare(options.sample, 'options.sample');
    const { signal } = options;
    const measurements: BenchmarkMeasurement[] = [];
    const rows: BenchmarkRow[] = [];
    for (const batchSize of batchSizes) {
      throwIfAborted(signal);
      const items = Array.from({ length: batchSize }, () => sample);
      for (let i = 0; i < warmup; i++) await this.#invoke(items, batchSize, signal);
      const histogram = new LatencyHistogram();
      let done = 0;
      const startedAt = performance.now();
      const endAt = startedAt + durationMs;
      await Promise.all(
        Array.from({ length: concurrency }, async () => {
          while (performance.now() < endAt) {
            const sentAt = performance.now();
            await this.#invoke(items, batchSize, signal);
            histogram.record(performance.now() - sentAt);
            done += batchSize;
          }
        }),
      );
      const elapsedS = (performance.now() - startedAt) / 1000;
      measurements.push({
        instance: options.instance ?? this.#plan?.instance.name ?? this.#transport.target,
        batchSize,
        ...(this.#plan ? { mode: this.#plan.mode, coresPerModel: this.#plan.coresPerModel } : {}),
        throughputPerSecond: done / elapsedS,
        latencyP95Seconds: histogram.percentile(95) / 1000,
        pricePerHourUsd: price,
      });
      rows.splice(0, rows.length, ...benchmarkRows(measurements, options.baseline));
      this.#logger.info('benchmark step', { count: done, durationMs: Math.round(elapsedS * 1000), units: batchSize });
      options.onProgress?.({ done: measurements.length, total: batchSizes.length, rows: [...rows] });
    }
    return rows;
  }

  /**
   * Sends what is queued and waits for every answer.
   *
   * @example
   * ```ts
   * await client.flush();
   * ```
   */
  flush(): Promise<void> {
    return this.#batcher.flush();
  }

  /**
   * Destroys the SageMaker client if this object created it (an injected client or transport is left alone).
   *
   * @example
   * ```ts
   * client.destroy();
   * ```
   */
  destroy(): void {
    if (this.#ownsTransport) this.#transport.destroy?.();
  }

  #submit(prepared: I, options: { signal?: AbortSignal }): Promise<O> {
    const submittedAt = this.#metrics.now();
    return this.#batcher.submit(prepared, options).then(
      (value) => {
        this.#metrics.recordItem(submittedAt, this.#metrics.now(), true);
        return value;
      },
      (error: unknown) => {
        this.#metrics.recordItem(submittedAt, this.#metrics.now(), false);
        throw error;
      },
    );
  }

  #prepare(item: I, field: string): I {
    this.#codec.check?.(item, field);
    const length = this.#shape?.sequenceLength;
    if (length === undefined) return item;
    return padToSequenceLength(
      item as unknown as SequenceItem,
      length,
      field,
      this.#shape?.padValue ?? 0,
    ) as unknown as I;
  }

  async #sendBatch(items: readonly I[], realCount: number): Promise<O[]> {
    const sentAt = this.#metrics.now();
    try {
      return (await this.#invoke(items, realCount, undefined)).slice(0, realCount);
    } finally {
      this.#metrics.recordRequest(sentAt, this.#metrics.now());
    }
  }

  async #invoke(items: readonly I[], realCount: number, signal: AbortSignal | undefined): Promise<O[]> {
    const body = this.#codec.encode(items, 'items');
    if (body.byteLength > this.#transport.maxPayloadBytes) {
      throw new PayloadTooLargeError('items', body.byteLength, this.#transport.maxPayloadBytes);
    }
    const response = await this.#transport.invoke(
      { body, contentType: this.#codec.contentType, accept: this.#codec.accept, ...this.#headers },
      { signal: withDeadline(signal, this.#timeoutMs) },
    );
    this.#logger.debug('batch answered', { count: realCount, units: items.length, bytes: body.byteLength });
    return this.#codec.decode(response.body, items.length);
  }
}
