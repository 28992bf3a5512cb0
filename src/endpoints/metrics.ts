/**
 * Invocation metrics: counts, throughput, latency percentiles from a streaming histogram, and cost per million
 * inferences from an hourly price.
 *
 * @module
 */
import { ValidationError } from '../kit/errors.js';
import { LatencyHistogram } from './LatencyHistogram.js';

/**
 * Cost of one million inferences at `pricePerHourUsd` and a sustained `inferencesPerSecond`:
 * `price / (rate × 3600) × 10⁶`. For inf1.xlarge at $0.368/h and 245/s that is $0.4172 (published: $0.42).
 *
 * @example
 * ```ts
 * costPerMillionInferences(0.368, 245); // 0.41723…
 * ```
 */
export function costPerMillionInferences(pricePerHourUsd: number, inferencesPerSecond: number): number {
  if (!(pricePerHourUsd >= 0 && Number.isFinite(pricePerHourUsd))) {
    throw new ValidationError('pricePerHourUsd', `must be a non-negative finite number, got ${pricePerHourUsd}`);
  }
  if (!(inferencesPerSecond > 0 && Number.isFinite(inferencesPerSecond))) {
    throw new ValidationError('inferencesPerSecond', `must be a positive finite number, got ${inferencesPerSecond}`);
  }
  return (pricePerHourUsd / (inferencesPerSecond * 3600)) * 1_000_000;
}

/** Latency percentiles in milliseconds (`NaN` when nothing was measured). */
export interface LatencySummary {
  /** Median. */
  readonly p50: number;
  /** 95th percentile. */
  readonly p95: number;
  /** 99th percentile. */
  readonly p99: number;
  /** Arithmetic mean. */
  readonly mean: number;
  /** Fastest. */
  readonly min: number;
  /** Slowest. */
  readonly max: number;
}

/**
 * The percentiles of a histogram.
 *
 * @example
 * ```ts
 * const { p50, p95 } = summarizeLatency(histogram);
 * ```
 */
export function summarizeLatency(histogram: LatencyHistogram): LatencySummary {
  return {
    p50: histogram.percentile(50),
    p95: histogram.percentile(95),
    p99: histogram.percentile(99),
    mean: histogram.meanMs,
    min: histogram.minMs,
    max: histogram.maxMs,
  };
}

/** A snapshot of {@link InvocationMetrics}. */
export interface MetricsSnapshot {
  /** Items answered successfully. */
  readonly count: number;
  /** Items answered with an error. */
  readonly errors: number;
  /** Requests sent (one per batch, retries not counted). */
  readonly requests: number;
  /** Milliseconds from the first recorded start to the last recorded end. */
  readonly elapsedMs: number;
  /** Successful items per second over `elapsedMs`. */
  readonly throughputPerSecond: number;
  /** Per-item latency (submission to answer). */
  readonly latencyMs: LatencySummary;
  /** Per-request latency (one batch's round trip). */
  readonly requestLatencyMs: LatencySummary;
  /** Cost per 1M inferences at the configured hourly price, when one was given and throughput is positive. */
  readonly costPerMillionUsd: number | undefined;
}

/** Options of {@link InvocationMetrics}. */
export interface InvocationMetricsOptions {
  /** Hourly price of what serves the endpoint (all its instances), for the cost column. */
  readonly pricePerHourUsd?: number;
  /** Clock in milliseconds. Default `performance.now`. */
  readonly now?: () => number;
}

/**
 * Counts and times invocations with bounded memory.
 *
 * @example
 * ```ts
 * const metrics = new InvocationMetrics({ pricePerHourUsd: 0.368 });
 * const startedAt = metrics.now();
 * // … invoke …
 * metrics.recordRequest(startedAt, metrics.now(), 6);
 * metrics.recordItem(startedAt, metrics.now(), true);
 * metrics.snapshot().costPerMillionUsd;
 * ```
 */
export class InvocationMetrics {
  readonly #items = new LatencyHistogram();
  readonly #requests = new LatencyHistogram();
  readonly #price: number | undefined;
  /** The clock used for every timestamp. */
  readonly now: () => number;
  #count = 0;
  #errors = 0;
  #requestCount = 0;
  #first = Number.POSITIVE_INFINITY;
  #last = Number.NEGATIVE_INFINITY;

  constructor(options: InvocationMetricsOptions = {}) {
    if (options.pricePerHourUsd !== undefined) costPerMillionInferences(options.pricePerHourUsd, 1);
    this.#price = options.pricePerHourUsd;
    this.now = options.now ?? (() => performance.now());
  }

  /**
   * Records one item's outcome; only successes enter the latency histogram.
   *
   * @example
   * ```ts
   * metrics.recordItem(submittedAt, metrics.now(), true);
   * ```
   */
  recordItem(startedAt: number, endedAt: number, ok: boolean): void {
    this.#span(startedAt, endedAt);
    if (ok) {
      this.#count++;
      this.#items.record(endedAt - startedAt);
    } else {
      this.#errors++;
    }
  }

  /**
   * Records one request's round trip.
   *
   * @example
   * ```ts
   * metrics.recordRequest(sentAt, metrics.now());
   * ```
   */
  recordRequest(startedAt: number, endedAt: number): void {
    this.#span(startedAt, endedAt);
    this.#requestCount++;
    this.#requests.record(endedAt - startedAt);
  }

  /**
   * The numbers so far.
   *
   * @example
   * ```ts
   * const { throughputPerSecond, latencyMs } = metrics.snapshot();
   * ```
   */
  snapshot(): MetricsSnapshot {
    const elapsedMs = this.#last > this.#first ? this.#last - this.#first : 0;
    const throughputPerSecond = elapsedMs > 0 ? (this.#count * 1000) / elapsedMs : 0;
    return {
      count: this.#count,
      errors: this.#errors,
      requests: this.#requestCount,
      elapsedMs,
      throughputPerSecond,
      latencyMs: summarizeLatency(this.#items),
      requestLatencyMs: summarizeLatency(this.#requests),
      costPerMillionUsd:
        this.#price !== undefined && throughputPerSecond > 0
          ? costPerMillionInferences(this.#price, throughputPerSecond)
          : undefined,
    };
  }

  /**
   * Starts afresh (e.g. after warm-up).
   *
   * @example
   * ```ts
   * metrics.reset();
   * ```
   */
  reset(): void {
    this.#items.reset();
    this.#requests.reset();
    this.#count = 0;
    this.#errors = 0;
    this.#requestCount = 0;
    this.#first = Number.POSITIVE_INFINITY;
    this.#last = Number.NEGATIVE_INFINITY;
  }

  #span(startedAt: number, endedAt: number): void {
    if (startedAt < this.#first) this.#first = startedAt;
    if (endedAt > this.#last) this.#last = endedAt;
  }
}
