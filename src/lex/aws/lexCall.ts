/**
 * One Lex runtime call: `callService` (error mapping, metadata-only logging, abort reason) plus a bounded
 * retry on throttling that honours Lex V1's `Retry-After` (`LimitExceededException.retryAfterSeconds`).
 *
 * @module
 */
import { raceAbort, sleep, withDeadline } from '../../kit/abort.js';
import type { SendableClient } from '../../kit/clients.js';
import { isServiceError } from '../../kit/errors.js';
import { type BackoffOptions, backoffDelayMs } from '../../kit/retry.js';
import { callService, type ServiceCallContext } from '../../kit/service-call.js';

/** Backoff between our throttling retries when Lex sends no `Retry-After`. */
export const DEFAULT_LEX_THROTTLE_BACKOFF: Readonly<BackoffOptions> = Object.freeze({
  initialDelayMs: 250,
  maxDelayMs: 5_000,
});

/** The longest `Retry-After` we honour; a longer one fails fast so the caller decides. */
export const MAX_LEX_RETRY_AFTER_MS = 30_000;

/** Options of {@link sendLex}. */
export interface LexCallContext extends ServiceCallContext {
  /** Retries after the SDK's own attempts end in throttling. */
  throttleRetries: number;
  backoff?: BackoffOptions | undefined;
}

/**
 * Sends `command`, retrying throttled calls up to `throttleRetries` times after `Retry-After` (or backoff).
 *
 * @example
 * ```ts
 * const out = await sendLex(client, new GetSessionCommand(input), { service: 'LexRuntime', operation: 'GetSession', throttleRetries: 2 });
 * ```
 */
export async function sendLex<Output>(
  client: SendableClient,
  command: unknown,
  context: LexCallContext,
): Promise<Output> {
  // One deadline for all attempts and the waits between them.
  const signal = withDeadline(context.signal, context.timeoutMs);
  const callContext = { ...context, signal, timeoutMs: undefined };
  for (let attempt = 0; ; attempt++) {
    let retryAfterMs: number | undefined;
    const probe: SendableClient = {
      // `new Promise` turns a synchronous throw or a non-promise result into a promise, for callService to map.
      send: (cmd, options) =>
        new Promise((resolve) => resolve(client.send(cmd, options))).catch((error: unknown) => {
          retryAfterMs = retryAfterMsOf(error);
          throw error;
        }),
    };
    try {
      return await callService<Output>(probe, command, callContext);
    } catch (error) {
      const throttled = isServiceError(error) && error.code === 'THROTTLED';
      if (!throttled || attempt >= context.throttleRetries) throw error;
      if (retryAfterMs !== undefined && retryAfterMs > MAX_LEX_RETRY_AFTER_MS) throw error;
      const delayMs = Math.round(
        Math.max(retryAfterMs ?? 0, backoffDelayMs(attempt, { ...DEFAULT_LEX_THROTTLE_BACKOFF, ...context.backoff })),
      );
      context.logger?.warn('lex throttled, retrying', { operation: context.operation, attempt: attempt + 1, delayMs });
      await sleep(delayMs, signal);
    }
  }
}

/**
 * Milliseconds to wait from a Lex throttling error: V1's `retryAfterSeconds` (the `Retry-After` header), or the
 * raw header when the SDK kept it.
 *
 * @example
 * ```ts
 * retryAfterMsOf({ name: 'LimitExceededException', retryAfterSeconds: '2' }); // 2000
 * ```
 */
export function retryAfterMsOf(error: unknown): number | undefined {
  const e = error as {
    retryAfterSeconds?: unknown;
    $response?: { headers?: Record<string, string | undefined> };
  } | null;
  const raw = e?.retryAfterSeconds ?? e?.$response?.headers?.['retry-after'];
  const seconds = typeof raw === 'string' || typeof raw === 'number' ? Number(raw) : Number.NaN;
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : undefined;
}

/**
 * Decodes a base64 header value as UTF-8 text.
 *
 * @example
 * ```ts
 * base64ToText('aGk='); // 'hi'
 * ```
 */
export function base64ToText(value: string): string {
  return new TextDecoder().decode(base64ToBytes(value));
}

/**
 * Decodes base64 to bytes.
 *
 * @example
 * ```ts
 * base64ToBytes('aGk='); // Uint8Array [104, 105]
 * ```
 */
export function base64ToBytes(value: string): Uint8Array {
  return Uint8Array.from(atob(value), (c) => c.charCodeAt(0));
}

/** How long we wait for an empty response body to drain before giving up on it. */
const DRAIN_TIMEOUT_MS = 5_000;

/**
 * Reads and discards a response body stream (PutSession's empty audio stream) so the connection is freed. It
 * never waits past `signal` or a few seconds: a body that does not end is destroyed instead.
 *
 * @example
 * ```ts
 * await drain(out.audioStream, signal);
 * ```
 */
export async function drain(stream: unknown, signal?: AbortSignal): Promise<void> {
  const s = stream as { transformToByteArray?: () => Promise<Uint8Array>; destroy?: () => void } | undefined;
  try {
    if (s?.transformToByteArray) await raceAbort(s.transformToByteArray(), withDeadline(signal, DRAIN_TIMEOUT_MS));
    else s?.destroy?.();
  } catch {
    // An unreadable empty body does not change the result of the write.
    try {
      s?.destroy?.();
    } catch {
      // Nothing more to free.
    }
  }
}
