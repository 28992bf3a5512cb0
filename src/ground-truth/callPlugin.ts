/**
 * The boundary to the services a caller plugs in (labeling service, object store, state store, hook): the
 * call is raced against the signal, so one that ignores it cannot hang the chain, and whatever foreign error
 * it throws becomes one of ours that keeps only the error's name — a plug-in's message may quote a manifest,
 * a label or the request.
 *
 * @module
 */
import { raceAbort } from '../kit/abort.js';
import { isAwsMlKitError } from '../kit/errors.js';
import { toServiceError } from '../kit/service-call.js';

/**
 * Calls `call()` raced against `signal`. Rejects with the signal's reason once it aborts; passes our errors
 * through; wraps anything else (an `Error`, a string, a synchronous throw) in a `ServiceError` naming
 * `service.operation` and the error's name only (a throttling name still reads as `THROTTLED`).
 *
 * @example
 * ```ts
 * const saved = await callPlugin('ChainStateStore', 'load', () => store.load(batchId, { signal }), signal);
 * ```
 */
export async function callPlugin<T>(
  service: string,
  operation: string,
  call: () => Promise<T> | T,
  signal: AbortSignal | undefined,
): Promise<T> {
  try {
    let pending: Promise<T>;
    try {
      pending = Promise.resolve(call());
    } catch (error) {
      pending = Promise.reject(error);
    }
    return await raceAbort(pending, signal);
  } catch (error) {
    if (signal?.aborted) throw signal.reason;
    if (isAwsMlKitError(error)) throw error;
    throw toServiceError(error, { service, operation });
  }
}
