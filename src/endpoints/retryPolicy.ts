/**
 * Retries by error class for model endpoints: throttling (`ThrottlingException`, HTTP 400) and
 * `ModelNotReadyException` (HTTP 429, a serverless cold start or a multi-model endpoint loading the model) are
 * retried with backoff; `ModelError` (424) and everything else are not — an inference may not be idempotent.
 *
 * @module
 */
import { sleep } from '../kit/abort.js';
import { isServiceError, ValidationError } from '../kit/errors.js';
import type { Logger } from '../kit/log.js';
import { type BackoffOptions, backoffDelayMs } from '../kit/retry.js';

/** Retry settings of the endpoint transports. */
export interface EndpointRetryOptions {
  /** Retries after the first attempt. Default 3. */
  readonly maxRetries?: number;
  /** Backoff between retries. Default 100 ms doubling to 5 s, half jittered. */
  readonly backoff?: BackoffOptions;
}

/** Defaults of {@link EndpointRetryOptions}. */
export const DEFAULT_ENDPOINT_RETRY = Object.freeze({
  /** Retries after the first attempt. */
  maxRetries: 3,
  /** Backoff between retries. */
  backoff: Object.freeze({
    /** First delay, in ms. */
    initialDelayMs: 100,
    /** Longest delay, in ms. */
    maxDelayMs: 5_000,
    /** Growth per retry. */
    factor: 2,
    /** Randomised share of each delay. */
    jitter: 0.5,
  }),
});

/**
 * True for the errors worth repeating: throttling and a model that is still loading.
 *
 * @example
 * ```ts
 * isRetryableEndpointError(error); // true for ThrottlingException or ModelNotReadyException
 * ```
 */
export function isRetryableEndpointError(error: unknown): boolean {
  if (!isServiceError(error)) return false;
  return error.code === 'THROTTLED' || error.errorName === 'ModelNotReadyException';
}

/**
 * Checks retry options; returns them complete.
 *
 * @example
 * ```ts
 * const retry = resolveRetry({ maxRetries: 5 });
 * ```
 */
export function resolveRetry(options: EndpointRetryOptions | undefined): Required<EndpointRetryOptions> {
  const maxRetries = options?.maxRetries ?? DEFAULT_ENDPOINT_RETRY.maxRetries;
  if (!Number.isInteger(maxRetries) || maxRetries < 0 || maxRetries > 20) {
    throw new ValidationError('options.maxRetries', `must be an integer in [0, 20], got ${maxRetries}`);
  }
  return { maxRetries, backoff: { ...DEFAULT_ENDPOINT_RETRY.backoff, ...options?.backoff } };
}

/**
 * Runs `attempt` and repeats it after backoff while it fails with a retryable endpoint error.
 *
 * @example
 * ```ts
 * const out = await withEndpointRetries((n) => send(n), resolveRetry({}), { signal, operation: 'InvokeEndpoint' });
 * ```
 */
export async function withEndpointRetries<T>(
  attempt: (attemptNumber: number) => Promise<T>,
  retry: Required<EndpointRetryOptions>,
  context: { signal?: AbortSignal | undefined; logger?: Logger | undefined; operation: string },
): Promise<T> {
  for (let n = 0; ; n++) {
    try {
      return await attempt(n);
    } catch (error) {
      if (n >= retry.maxRetries || !isRetryableEndpointError(error) || context.signal?.aborted) throw error;
      const delayMs = Math.round(backoffDelayMs(n, retry.backoff));
      context.logger?.warn('endpoint busy, retrying', {
        operation: context.operation,
        errorName: isServiceError(error) ? error.errorName : undefined,
        attempt: n + 1,
        delayMs,
      });
      await sleep(delayMs, context.signal);
    }
  }
}
