/**
 * Cancellation and deadlines. An abort always surfaces as the signal's own `reason`, so a caller can tell its
 * own cancel (`AbortError`) from a deadline (`TimeoutError`), exactly as with `fetch`.
 *
 * @module
 */

import { ValidationError } from './errors.js';

/**
 * The longest delay a Node timer keeps (2³¹ − 1 ms, about 24.8 days); a longer one fires after 1 ms, so longer
 * deadlines and sleeps are clamped to it.
 */
const MAX_TIMER_MS = 2_147_483_647;

/**
 * Throws the signal's reason if it has been aborted.
 *
 * @example
 * ```ts
 * for (const page of pages) {
 *   throwIfAborted(signal); // between units of work
 *   await process(page);
 * }
 * ```
 */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw signal.reason;
}

/**
 * Combines an optional caller signal with an optional deadline into one signal (or `undefined` when neither
 * was given). The deadline fires with a `TimeoutError` DOMException as its reason. Fractions of a millisecond
 * round up and `Infinity` means no deadline; a negative or non-numeric `timeoutMs` is a `ValidationError`.
 *
 * @example
 * ```ts
 * const signal = withDeadline(options.signal, options.timeoutMs);
 * await client.send(command, { abortSignal: signal });
 * ```
 */
export function withDeadline(signal: AbortSignal | undefined, timeoutMs: number | undefined): AbortSignal | undefined {
  if (timeoutMs === undefined || timeoutMs === Number.POSITIVE_INFINITY) return signal;
  // AbortSignal.timeout throws a RangeError for a fraction, a negative or NaN, and fires at once past 2³¹ − 1.
  if (typeof timeoutMs !== 'number' || !(timeoutMs >= 0)) {
    const got = typeof timeoutMs === 'number' ? String(timeoutMs) : typeof timeoutMs;
    throw new ValidationError('options.timeoutMs', `must be a non-negative number of milliseconds, got ${got}`);
  }
  const deadline = AbortSignal.timeout(Math.min(Math.ceil(timeoutMs), MAX_TIMER_MS));
  return signal ? AbortSignal.any([signal, deadline]) : deadline;
}

/**
 * If `signal` has fired, throws its reason instead of `error`; otherwise rethrows `error`. The AWS SDK rejects
 * every aborted request with the same generic `AbortError`, so this restores the reason that really applies.
 *
 * @example
 * ```ts
 * try {
 *   await client.send(command, { abortSignal: signal });
 * } catch (error) {
 *   rethrowWithAbortReason(error, signal); // the caller's TimeoutError, not the SDK's AbortError
 * }
 * ```
 */
export function rethrowWithAbortReason(error: unknown, signal: AbortSignal | undefined): never {
  if (signal?.aborted) throw signal.reason;
  throw error;
}

/**
 * Resolves after `ms` milliseconds, or rejects with the signal's reason as soon as it fires.
 *
 * @example
 * ```ts
 * await sleep(backoffDelayMs(attempt), signal);
 * ```
 */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.reject(signal.reason);
  return new Promise((resolve, reject) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(
      () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      },
      Math.min(Math.max(0, ms), MAX_TIMER_MS),
    );
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Settles with `promise`, or rejects with the signal's reason as soon as it fires — for work that cannot be
 * cancelled itself (the caller stops waiting; the work runs on, so free what it holds if that matters).
 *
 * @example
 * ```ts
 * const { data } = await raceAbort(worker.recognize(image), signal);
 * ```
 */
export function raceAbort<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) {
    // Nobody awaits the work any more; its failure must not surface as an unhandled rejection.
    promise.catch(() => undefined);
    return Promise.reject(signal.reason);
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
