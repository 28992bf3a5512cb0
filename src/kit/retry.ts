/**
 * Exponential backoff with jitter, and a polling loop built on it.
 *
 * @module
 */
import { raceAbort, sleep, throwIfAborted, withDeadline } from './abort.js';
import { ValidationError, WaitTimeoutError } from './errors.js';

/** Backoff settings. All durations in milliseconds. */
export interface BackoffOptions {
  /** First delay. Default 1000. */
  initialDelayMs?: number;
  /** Upper bound for any delay. Default 20000. */
  maxDelayMs?: number;
  /** Growth factor per attempt. Default 2. */
  factor?: number;
  /** Share of each delay that is randomised (0 = none, 1 = "full jitter"). Default 0.5. */
  jitter?: number;
  /** Random source in [0, 1), injectable for tests. Default `Math.random`. */
  random?: () => number;
}

/** Defaults of {@link BackoffOptions}. */
export const DEFAULT_BACKOFF: Readonly<Required<Omit<BackoffOptions, 'random'>>> = Object.freeze({
  initialDelayMs: 1000,
  maxDelayMs: 20_000,
  factor: 2,
  jitter: 0.5,
});

/**
 * The delay before retry number `attempt` (0-based): `min(max, initial · factor^attempt)`, of which the
 * `jitter` share is randomised downwards, so concurrent pollers spread out.
 *
 * @example
 * ```ts
 * backoffDelayMs(3, { initialDelayMs: 100, jitter: 0 }); // 800
 * ```
 */
export function backoffDelayMs(attempt: number, options: BackoffOptions = {}): number {
  const { initialDelayMs, maxDelayMs, factor, jitter } = { ...DEFAULT_BACKOFF, ...options };
  const random = options.random ?? Math.random;
  const base = Math.min(maxDelayMs, initialDelayMs * factor ** Math.max(0, attempt));
  return base * (1 - jitter) + base * jitter * random();
}

/** Options of {@link pollUntil}. */
export interface PollOptions extends BackoffOptions {
  /** Cancels the wait; the promise rejects with the signal's reason. */
  signal?: AbortSignal | undefined;
  /**
   * Overall deadline; past it the promise rejects with a {@link WaitTimeoutError}, also while a poll is still in
   * flight (its signal fires; the poll is no longer awaited), and no further poll is made.
   */
  timeoutMs?: number | undefined;
  /** Names what is awaited, for the timeout message (ids only, never payload). */
  what?: string;
  /** Clock, injectable for tests. Default `Date.now`. */
  now?: () => number;
  /** Called after each unfinished poll with the attempt number and the coming delay. */
  onWait?: (attempt: number, delayMs: number) => void;
}

/**
 * Calls `poll` until it returns `{ done: true, value }`, sleeping with backoff in between. Each poll gets a
 * signal that fires on the caller's abort or at the deadline; pass it on to the request. A poll that ignores it
 * cannot hold the wait past either: the poll is raced against it.
 *
 * @example
 * ```ts
 * const status = await pollUntil(async (_attempt, signal) => {
 *   const job = await describe({ signal });
 *   return { done: job.status !== 'IN_PROGRESS', value: job };
 * }, { timeoutMs: 60_000, what: 'Textract job 123' });
 * ```
 */
export async function pollUntil<T>(
  poll: (attempt: number, signal: AbortSignal | undefined) => Promise<{ done: boolean; value: T }>,
  options: PollOptions = {},
): Promise<T> {
  const now = options.now ?? Date.now;
  const { timeoutMs, signal } = options;
  if (timeoutMs !== undefined && !(timeoutMs > 0)) {
    throw new ValidationError('options.timeoutMs', `must be a positive number of milliseconds, got ${timeoutMs}`);
  }
  const startedAt = now();
  const timedOut = (): WaitTimeoutError => new WaitTimeoutError(options.what ?? 'operation', now() - startedAt);
  // A timer, not the injectable clock: it is the backstop for a poll that never settles.
  const deadline = withDeadline(undefined, timeoutMs);
  const pollSignal = deadline && signal ? AbortSignal.any([signal, deadline]) : (deadline ?? signal);
  try {
    for (let attempt = 0; ; attempt++) {
      throwIfAborted(pollSignal);
      const result = await raceAbort(poll(attempt, pollSignal), pollSignal);
      if (result.done) return result.value;
      let delayMs = backoffDelayMs(attempt, options);
      if (timeoutMs !== undefined) {
        const remainingMs = startedAt + timeoutMs - now();
        if (remainingMs <= 0) throw timedOut();
        delayMs = Math.min(delayMs, remainingMs);
      }
      options.onWait?.(attempt, delayMs);
      await sleep(delayMs, pollSignal);
    }
  } catch (error) {
    // Our deadline, not the caller's abort: report it as the wait's timeout.
    if (deadline?.aborted && !signal?.aborted) throw timedOut();
    throw error;
  }
}
