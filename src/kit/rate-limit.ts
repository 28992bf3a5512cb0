/**
 * A client-side rate limiter in two dimensions: requests per second and units per second (characters, bytes,
 * pages …), as many AWS quotas are (Comprehend Medical: 40 requests/s and 40,000 characters/s).
 *
 * Two token buckets refill continuously; a request waits until both hold enough. Waiters are served first in,
 * first out, so a large request is never starved by a stream of small ones.
 *
 * @module
 */
import { raceAbort, sleep, throwIfAborted } from './abort.js';
import { LimitError, ValidationError } from './errors.js';

/** Options of {@link RateLimiter}. */
export interface RateLimiterOptions {
  /** Sustained requests per second. `Infinity` disables this dimension. */
  requestsPerSecond: number;
  /** Sustained units per second. `Infinity` (default) disables this dimension. */
  unitsPerSecond?: number;
  /** Bucket size in seconds of quota (how much may be spent at once after idling). Default 1. */
  burstSeconds?: number;
  /** Clock in milliseconds, injectable for tests. Default `performance.now`. */
  now?: () => number;
  /** Sleep, injectable for tests. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/**
 * A client-side limiter in two dimensions (requests/s and units/s); waiters are served in order.
 *
 * @example
 * ```ts
 * const limiter = new RateLimiter({ requestsPerSecond: 40, unitsPerSecond: 40_000 });
 * await limiter.acquire(text.length, { signal });
 * await client.send(command);
 * ```
 */
export class RateLimiter {
  /** Sustained requests per second (`Infinity` when unlimited). */
  readonly requestsPerSecond: number;
  /** Sustained units per second (`Infinity` when unlimited). */
  readonly unitsPerSecond: number;
  readonly #burstSeconds: number;
  readonly #now: () => number;
  readonly #sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  #requestTokens: number;
  #unitTokens: number;
  #refilledAt: number;
  #queue: Promise<void> = Promise.resolve();

  /** @throws ValidationError for a rate or burst that is not a positive number. */
  constructor(options: RateLimiterOptions) {
    const { requestsPerSecond, unitsPerSecond = Number.POSITIVE_INFINITY, burstSeconds = 1 } = options;
    for (const [field, value] of [
      ['requestsPerSecond', requestsPerSecond],
      ['unitsPerSecond', unitsPerSecond],
      ['burstSeconds', burstSeconds],
    ] as const) {
      if (!(value > 0)) throw new ValidationError(`options.${field}`, `must be a positive number, got ${value}`);
    }
    this.requestsPerSecond = requestsPerSecond;
    this.unitsPerSecond = unitsPerSecond;
    this.#burstSeconds = burstSeconds;
    this.#now = options.now ?? (() => performance.now());
    this.#sleep = options.sleep ?? sleep;
    this.#requestTokens = this.#capacity(requestsPerSecond);
    this.#unitTokens = this.#capacity(unitsPerSecond);
    this.#refilledAt = this.#now();
  }

  /** The most units a single request may take (one burst). */
  get maxUnitsPerRequest(): number {
    return this.#capacity(this.unitsPerSecond);
  }

  /**
   * Waits until one request of `units` units may be sent, then spends the quota.
   * Rejects with a {@link LimitError} when `units` exceeds what one burst can ever hold, and with the signal's
   * reason as soon as it fires, even while waiting behind earlier requests.
   *
   * @example
   * ```ts
   * await limiter.acquire(codePointLength(chunk), { signal }); // waits for both buckets
   * ```
   */
  acquire(units = 0, options: { signal?: AbortSignal | undefined } = {}): Promise<void> {
    if (!(units >= 0))
      return Promise.reject(new ValidationError('units', `must be a non-negative number, got ${units}`));
    if (units > this.maxUnitsPerRequest) {
      return Promise.reject(
        new LimitError(
          'units',
          `one request of ${units} units exceeds the burst capacity of ${this.maxUnitsPerRequest}`,
        ),
      );
    }
    const turn = this.#queue.then(() => this.#waitAndSpend(units, options.signal));
    // The next waiter starts after this one, whether it succeeded or was aborted.
    this.#queue = turn.catch(() => undefined);
    // An abort rejects at once, even while earlier waiters still hold the queue; this turn then spends nothing.
    return raceAbort(turn, options.signal);
  }

  async #waitAndSpend(units: number, signal: AbortSignal | undefined): Promise<void> {
    for (;;) {
      throwIfAborted(signal);
      this.#refill();
      const waitMs = Math.max(
        deficitMs(1 - this.#requestTokens, this.requestsPerSecond),
        deficitMs(units - this.#unitTokens, this.unitsPerSecond),
      );
      if (waitMs <= 0) {
        this.#requestTokens -= 1;
        this.#unitTokens -= units;
        return;
      }
      await this.#sleep(waitMs, signal);
    }
  }

  #capacity(perSecond: number): number {
    return Number.isFinite(perSecond) ? Math.max(1, perSecond * this.#burstSeconds) : Number.POSITIVE_INFINITY;
  }

  #refill(): void {
    const now = this.#now();
    const elapsedSeconds = Math.max(0, now - this.#refilledAt) / 1000;
    this.#refilledAt = now;
    this.#requestTokens = Math.min(
      this.#capacity(this.requestsPerSecond),
      this.#requestTokens + elapsedSeconds * this.requestsPerSecond,
    );
    this.#unitTokens = Math.min(
      this.#capacity(this.unitsPerSecond),
      this.#unitTokens + elapsedSeconds * this.unitsPerSecond,
    );
  }
}

function deficitMs(deficit: number, perSecond: number): number {
  if (deficit <= 0 || !Number.isFinite(perSecond)) return 0;
  return (deficit / perSecond) * 1000;
}
