/**
 * A streaming latency histogram with log-spaced buckets: constant memory whatever the number of samples, and
 * percentiles within a stated relative error. No stored array of samples.
 *
 * @module
 */
import { ValidationError } from '../kit/errors.js';

/** Options of {@link LatencyHistogram}. */
export interface LatencyHistogramOptions {
  /** Smallest distinguishable value in milliseconds; smaller values count as this. Default 0.001 (1 µs). */
  readonly minMs?: number;
  /** Largest tracked value in milliseconds; larger values count as this. Default 3,600,000 (1 h). */
  readonly maxMs?: number;
  /** Relative width of a bucket, so the relative error of a percentile is at most half of it. Default 0.01. */
  readonly relativePrecision?: number;
}

/** Defaults of {@link LatencyHistogramOptions}. */
export const DEFAULT_LATENCY_HISTOGRAM_OPTIONS = Object.freeze({
  /** 1 µs. */
  minMs: 0.001,
  /** 1 hour. */
  maxMs: 3_600_000,
  /** 1 % bucket width (≤ 0.5 % error). */
  relativePrecision: 0.01,
});

/**
 * Records durations in log-spaced buckets (bucket `i` covers `[min·g^i, min·g^(i+1))`, `g = 1 + precision`);
 * with the defaults that is about 2,200 counters (18 KB) for any number of samples.
 *
 * @example
 * ```ts
 * const histogram = new LatencyHistogram();
 * for (const ms of [12, 15, 11, 40]) histogram.record(ms);
 * histogram.percentile(95); // ≈ 40 (within 0.5%)
 * ```
 */
export class LatencyHistogram {
  readonly #counts: Float64Array;
  readonly #minMs: number;
  readonly #maxMs: number;
  readonly #logGrowth: number;
  #count = 0;
  #sum = 0;
  #min = Number.POSITIVE_INFINITY;
  #max = Number.NEGATIVE_INFINITY;

  constructor(options: LatencyHistogramOptions = {}) {
    const { minMs, maxMs, relativePrecision } = { ...DEFAULT_LATENCY_HISTOGRAM_OPTIONS, ...options };
    if (!(minMs > 0 && Number.isFinite(minMs))) {
      throw new ValidationError('options.minMs', `must be a positive finite number, got ${minMs}`);
    }
    if (!(maxMs > minMs && Number.isFinite(maxMs))) {
      throw new ValidationError('options.maxMs', `must be a finite number above minMs (${minMs}), got ${maxMs}`);
    }
    if (!(relativePrecision >= 0.0001 && relativePrecision <= 1)) {
      throw new ValidationError('options.relativePrecision', `must be in [0.0001, 1], got ${relativePrecision}`);
    }
    this.#minMs = minMs;
    this.#maxMs = maxMs;
    this.#logGrowth = Math.log1p(relativePrecision);
    this.#counts = new Float64Array(Math.ceil(Math.log(maxMs / minMs) / this.#logGrowth) + 1);
  }

  /**
   * Adds one duration (non-finite or negative values are ignored: a clock cannot produce them).
   *
   * @example
   * ```ts
   * histogram.record(performance.now() - startedAt);
   * ```
   */
  record(durationMs: number): void {
    if (!(durationMs >= 0) || !Number.isFinite(durationMs)) return;
    const clamped = Math.min(this.#maxMs, Math.max(this.#minMs, durationMs));
    this.#counts[Math.floor(Math.log(clamped / this.#minMs) / this.#logGrowth)]! += 1;
    this.#count++;
    this.#sum += durationMs;
    if (durationMs < this.#min) this.#min = durationMs;
    if (durationMs > this.#max) this.#max = durationMs;
  }

  /**
   * Samples recorded.
   *
   * @example
   * ```ts
   * histogram.count; // 4
   * ```
   */
  get count(): number {
    return this.#count;
  }

  /**
   * Mean of the recorded durations (exact), or `NaN` when empty.
   *
   * @example
   * ```ts
   * histogram.meanMs;
   * ```
   */
  get meanMs(): number {
    return this.#count === 0 ? Number.NaN : this.#sum / this.#count;
  }

  /**
   * Smallest recorded duration (exact), or `NaN` when empty.
   *
   * @example
   * ```ts
   * histogram.minMs;
   * ```
   */
  get minMs(): number {
    return this.#count === 0 ? Number.NaN : this.#min;
  }

  /**
   * Largest recorded duration (exact), or `NaN` when empty.
   *
   * @example
   * ```ts
   * histogram.maxMs;
   * ```
   */
  get maxMs(): number {
    return this.#count === 0 ? Number.NaN : this.#max;
  }

  /**
   * The duration below which `p` percent of the samples fall (nearest rank), within the bucket precision and
   * never outside the exact min and max. `NaN` when empty.
   *
   * @example
   * ```ts
   * const p99 = histogram.percentile(99);
   * ```
   */
  percentile(p: number): number {
    if (!(p >= 0 && p <= 100)) throw new ValidationError('p', `must be a percentage in [0, 100], got ${p}`);
    if (this.#count === 0) return Number.NaN;
    if (p === 100) return this.#max;
    const rank = Math.max(1, Math.ceil((p / 100) * this.#count));
    let seen = 0;
    for (let i = 0; i < this.#counts.length; i++) {
      seen += this.#counts[i]!;
      if (seen >= rank) {
        // The geometric middle of the bucket halves the worst-case relative error.
        const middle = this.#minMs * Math.exp((i + 0.5) * this.#logGrowth);
        return Math.min(this.#max, Math.max(this.#min, middle));
      }
    }
    return this.#max;
  }

  /**
   * Adds every sample of `other` (which must have been built with the same options).
   *
   * @example
   * ```ts
   * total.merge(perWorker);
   * ```
   */
  merge(other: LatencyHistogram): void {
    // Same first bucket and growth means the same bucket edges; the count alone can match by accident.
    if (
      other.#counts.length !== this.#counts.length ||
      other.#minMs !== this.#minMs ||
      other.#logGrowth !== this.#logGrowth
    ) {
      throw new ValidationError('other', 'must be a LatencyHistogram built with the same options');
    }
    for (let i = 0; i < this.#counts.length; i++) this.#counts[i]! += other.#counts[i]!;
    this.#count += other.#count;
    this.#sum += other.#sum;
    this.#min = Math.min(this.#min, other.#min);
    this.#max = Math.max(this.#max, other.#max);
  }

  /**
   * Forgets every sample.
   *
   * @example
   * ```ts
   * histogram.reset(); // e.g. after a warm-up phase
   * ```
   */
  reset(): void {
    this.#counts.fill(0);
    this.#count = 0;
    this.#sum = 0;
    this.#min = Number.POSITIVE_INFINITY;
    this.#max = Number.NEGATIVE_INFINITY;
  }
}
