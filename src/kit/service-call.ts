/**
 * The adapter boundary: one place where an SDK `send()` is made, timed, logged (metadata only) and where
 * whatever the client throws becomes an aws-ml-kit error. Aborts and deadlines surface as the signal's reason,
 * even from a client that ignores `abortSignal`; our own errors pass through unchanged.
 *
 * @module
 */
import { raceAbort, throwIfAborted, withDeadline } from './abort.js';
import type { SendableClient } from './clients.js';
import { type ErrorCode, isAwsMlKitError, ResponseShapeError, ServiceError } from './errors.js';
import type { Logger } from './log.js';

/** What is being called, for errors and logs. */
export interface ServiceCallContext {
  /** Service name, e.g. `Textract`. */
  service: string;
  /** Operation name, e.g. `AnalyzeDocument`. */
  operation: string;
  /**
   * Cancels the request; the call rejects with the signal's reason at once, whether or not the client honours
   * the `abortSignal` it is given.
   */
  signal?: AbortSignal | undefined;
  /**
   * Deadline of this one call, combined with `signal`; past it the call rejects with a `TimeoutError`
   * `DOMException`, as `AbortSignal.timeout` does.
   */
  timeoutMs?: number | undefined;
  /** Safe logger (see `createSafeLogger`). */
  logger?: Logger | undefined;
  /** Extra allow-listed metadata for the log line, e.g. `{ bytes: 1024 }`. */
  meta?: Record<string, unknown>;
}

/** Error names that mean "slow down" across AWS services. */
const THROTTLING_NAMES = new Set([
  'ThrottlingException',
  'Throttling',
  'ThrottledException',
  'TooManyRequestsException',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'RequestThrottled',
  'RequestThrottledException',
  'SlowDown',
  'LimitExceededException',
]);

const NOT_FOUND_NAMES = new Set(['NotFoundException', 'ResourceNotFoundException', 'ResourceNotFound']);

/** The parts of an AWS SDK v3 service exception that aws-ml-kit reads. */
export interface SdkErrorLike {
  /** The service's error name, e.g. `ThrottlingException`. */
  name?: unknown;
  /** `client` or `server`. */
  $fault?: unknown;
  /** Set when the SDK considers the error retryable. */
  $retryable?: unknown;
  /** Response metadata. */
  $metadata?: {
    /** HTTP status of the response. */
    httpStatusCode?: number;
    /** The AWS request id. */
    requestId?: string;
    /** Attempts made, including the SDK's retries. */
    attempts?: number;
    /** Milliseconds spent waiting between attempts. */
    totalRetryDelay?: number;
  };
}

/**
 * Transport failures worth repeating: the SDK's own timeout names and Node's socket error codes. These arrive
 * without an HTTP status, so only the name or code tells.
 */
const TRANSIENT_NAMES = new Set([
  'TimeoutError',
  'RequestTimeout',
  'RequestTimeoutException',
  'ECONNRESET',
  'ECONNREFUSED',
  'ETIMEDOUT',
  'EPIPE',
  'EAI_AGAIN',
]);

/** An error name or code we may repeat in a message: one identifier, no spaces, no quotes, no payload. */
const SAFE_NAME = /^[A-Za-z][A-Za-z0-9_.]{0,79}$/;

/** A request id as AWS services issue them: no spaces, nothing that reads like text. */
const REQUEST_ID = /^[A-Za-z0-9][A-Za-z0-9_.:/+=-]{0,199}$/;

/** The numeric and id fields of `$metadata`, nothing else a client may have attached. */
function pickMetadata(metadata: NonNullable<SdkErrorLike['$metadata']>): SdkErrorLike['$metadata'] {
  const picked: Record<string, unknown> = {};
  for (const key of ['httpStatusCode', 'attempts', 'totalRetryDelay'] as const) {
    if (typeof metadata[key] === 'number') picked[key] = metadata[key];
  }
  if (typeof metadata.requestId === 'string' && REQUEST_ID.test(metadata.requestId)) {
    picked.requestId = metadata.requestId;
  }
  return picked;
}

function isSdkError(error: unknown): error is Error & SdkErrorLike {
  return error instanceof Error && typeof (error as SdkErrorLike).$metadata === 'object';
}

/** Calls `send`, turning a synchronous throw or a non-promise result into a promise. */
function sendOnce(client: SendableClient, command: unknown, signal: AbortSignal | undefined): Promise<unknown> {
  try {
    return Promise.resolve(client.send(command as never, signal ? { abortSignal: signal } : undefined));
  } catch (error) {
    return Promise.reject(error);
  }
}

/**
 * Sends `command` with `client.send`, mapping failures to aws-ml-kit errors:
 * - the call is raced against `signal` and `timeoutMs`, so it settles with the signal's reason even when the
 *   client ignores `abortSignal` (the request itself may still run on inside the client; its outcome is
 *   dropped);
 * - anything else the client throws (an SDK exception, a plain `Error`, a string) becomes a
 *   {@link ServiceError} (or a {@link ResponseShapeError} for an unreadable body) whose message holds only
 *   names and ids; the `cause` is a scrubbed copy (name, fault, `$metadata`), never the client's message;
 * - aws-ml-kit's own errors pass through unchanged.
 *
 * @example
 * ```ts
 * const out = await callService(client, new AnalyzeDocumentCommand(input), {
 *   service: 'Textract', operation: 'AnalyzeDocument', signal, timeoutMs: 60_000,
 * });
 * ```
 */
export async function callService<Output>(
  client: SendableClient,
  command: unknown,
  context: ServiceCallContext,
): Promise<Output> {
  const { logger } = context;
  const signal = withDeadline(context.signal, context.timeoutMs);
  const startedAt = performance.now();
  try {
    throwIfAborted(signal);
    const output = (await raceAbort(sendOnce(client, command, signal), signal)) as Output;
    const metadata = (output as { $metadata?: SdkErrorLike['$metadata'] } | undefined)?.$metadata;
    logger?.debug('call succeeded', {
      service: context.service,
      operation: context.operation,
      requestId: metadata?.requestId,
      attempts: metadata?.attempts,
      durationMs: Math.round(performance.now() - startedAt),
      ...context.meta,
    });
    return output;
  } catch (error) {
    // The SDK rejects every aborted request with the same generic AbortError: the caller's reason applies.
    if (signal?.aborted) throw signal.reason;
    if (isAwsMlKitError(error)) throw error;
    if (isSdkError(error) && error.name === 'SyntaxError') {
      // The SDK could not deserialise the body (truncated or not JSON/XML): the service broke its contract.
      const requestId = error.$metadata?.requestId;
      logger?.warn('response unreadable', { service: context.service, operation: context.operation, requestId });
      throw new ResponseShapeError(`${context.service}.${context.operation}`, 'body', 'could not be parsed', {
        requestId,
        retryable: true,
        cause: new Error('SyntaxError'),
      });
    }
    const wrapped = toServiceError(error, context);
    logger?.warn('call failed', {
      service: context.service,
      operation: context.operation,
      errorName: wrapped.errorName,
      httpStatusCode: wrapped.httpStatusCode,
      requestId: wrapped.requestId,
      retryable: wrapped.retryable,
      durationMs: Math.round(performance.now() - startedAt),
      ...context.meta,
    });
    throw wrapped;
  }
}

/** The name to report for anything thrown: its `name`, or its `code` when the name says nothing (`Error`). */
function errorNameOf(error: unknown): string {
  if (typeof error !== 'object' || error === null) return 'UnknownError';
  const { name, code } = error as { name?: unknown; code?: unknown };
  const safeName = typeof name === 'string' && SAFE_NAME.test(name) ? name : undefined;
  const safeCode = typeof code === 'string' && SAFE_NAME.test(code) ? code : undefined;
  if (safeName === undefined || safeName === 'Error') return safeCode ?? safeName ?? 'UnknownError';
  return safeName;
}

/**
 * Wraps whatever a client threw in a {@link ServiceError}. The thrown message is never kept: some services
 * echo input in it, and a client or middleware may quote the request. The error name (when it is a plain
 * identifier) classifies the failure: throttling names are `THROTTLED` and retryable even without an HTTP
 * status. The cause is a scrubbed copy that keeps the name, the `$metadata` and the fault, not the message nor
 * the raw HTTP response.
 *
 * @example
 * ```ts
 * const wrapped = toServiceError(sdkError, { service: 'Textract', operation: 'AnalyzeDocument' });
 * ```
 */
export function toServiceError(
  error: unknown,
  context: Pick<ServiceCallContext, 'service' | 'operation'>,
): ServiceError {
  const sdk = (typeof error === 'object' && error !== null ? error : {}) as SdkErrorLike;
  const metadata = typeof sdk.$metadata === 'object' && sdk.$metadata !== null ? sdk.$metadata : undefined;
  const errorName = errorNameOf(error);
  const status = typeof metadata?.httpStatusCode === 'number' ? metadata.httpStatusCode : undefined;
  const requestId =
    typeof metadata?.requestId === 'string' && REQUEST_ID.test(metadata.requestId) ? metadata.requestId : undefined;
  const throttled = THROTTLING_NAMES.has(errorName) || status === 429;
  const retryable =
    throttled ||
    TRANSIENT_NAMES.has(errorName) ||
    sdk.$retryable !== undefined ||
    (status !== undefined && status >= 500);
  let code: ErrorCode = 'SERVICE';
  if (throttled) code = 'THROTTLED';
  else if (NOT_FOUND_NAMES.has(errorName)) code = 'NOT_FOUND';
  else if (errorName === 'ConflictException') code = 'CONFLICT';
  const cause = Object.assign(new Error(errorName), {
    name: errorName,
    ...(sdk.$fault === 'client' || sdk.$fault === 'server' ? { $fault: sdk.$fault } : {}),
    ...(metadata ? { $metadata: pickMetadata(metadata) } : {}),
  });
  const where = [status !== undefined ? `HTTP ${status}` : undefined, requestId ? `request id ${requestId}` : undefined]
    .filter(Boolean)
    .join(', ');
  return new ServiceError(
    `${context.service}.${context.operation} failed with ${errorName}${where ? ` (${where})` : ''}`,
    {
      service: context.service,
      operation: context.operation,
      errorName,
      httpStatusCode: status,
      requestId,
      retryable,
      code,
      cause,
    },
  );
}
