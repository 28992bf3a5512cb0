/**
 * The adapter boundary: one place where an SDK `send()` is made, timed, logged (metadata only) and where SDK
 * exceptions become {@link ServiceError}s. Aborts surface as the caller's signal reason; our own errors and
 * programming errors pass through unchanged.
 *
 * @module
 */
import { rethrowWithAbortReason } from './abort.js';
import type { SendableClient } from './clients.js';
import { type ErrorCode, isAwsMlKitError, ResponseShapeError, ServiceError } from './errors.js';
import type { Logger } from './log.js';

/** What is being called, for errors and logs. */
export interface ServiceCallContext {
  /** Service name, e.g. `Textract`. */
  service: string;
  /** Operation name, e.g. `AnalyzeDocument`. */
  operation: string;
  /** Cancels the request; the call rejects with the signal's reason. */
  signal?: AbortSignal | undefined;
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

function isSdkError(error: unknown): error is Error & SdkErrorLike {
  return error instanceof Error && typeof (error as SdkErrorLike).$metadata === 'object';
}

/**
 * Sends `command` with `client.send`, mapping failures to aws-ml-kit errors.
 *
 * @example
 * ```ts
 * const out = await callService(client, new AnalyzeDocumentCommand(input), { service: 'Textract', operation: 'AnalyzeDocument', signal });
 * ```
 */
export async function callService<Output>(
  client: SendableClient,
  command: unknown,
  context: ServiceCallContext,
): Promise<Output> {
  const { signal, logger } = context;
  const startedAt = performance.now();
  try {
    const output = (await client.send(command as never, signal ? { abortSignal: signal } : undefined)) as Output;
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
    if (signal?.aborted) rethrowWithAbortReason(error, signal);
    if (isAwsMlKitError(error) || !isSdkError(error)) throw error;
    if (error.name === 'SyntaxError') {
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

/**
 * Wraps an SDK exception. The service's own message is not kept: some services echo input in it. The cause is
 * a scrubbed copy that keeps the error name and `$metadata` but not the raw HTTP response.
 *
 * @example
 * ```ts
 * const wrapped = toServiceError(sdkError, { service: 'Textract', operation: 'AnalyzeDocument' });
 * ```
 */
export function toServiceError(
  error: Error & SdkErrorLike,
  context: Pick<ServiceCallContext, 'service' | 'operation'>,
): ServiceError {
  const errorName = typeof error.name === 'string' ? error.name : 'UnknownError';
  const status = error.$metadata?.httpStatusCode;
  const requestId = error.$metadata?.requestId;
  const throttled = THROTTLING_NAMES.has(errorName) || status === 429;
  const retryable = throttled || error.$retryable !== undefined || (status !== undefined && status >= 500);
  let code: ErrorCode = 'SERVICE';
  if (throttled) code = 'THROTTLED';
  else if (NOT_FOUND_NAMES.has(errorName)) code = 'NOT_FOUND';
  else if (errorName === 'ConflictException') code = 'CONFLICT';
  const cause = Object.assign(new Error(errorName), {
    name: errorName,
    $fault: error.$fault,
    $metadata: { ...error.$metadata },
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
