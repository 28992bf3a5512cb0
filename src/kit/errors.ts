/**
 * The one error hierarchy of aws-ml-kit.
 *
 * Every error carries a stable `code`, a `retryable` flag and, where a service answered, its `requestId`.
 * Messages name fields, rules, sizes and ids — never user payloads (document text, PHI, utterances, audio).
 *
 * Guards (`isServiceError(e)` …) check a `Symbol.for` brand rather than `instanceof`, because a dual ESM/CJS
 * package can be loaded twice in one process and `instanceof` then fails across the two copies.
 *
 * @module
 */

const BRAND: unique symbol = Symbol.for('aws-ml-kit.error') as never;

/** Stable machine-readable error codes. New codes may be added in minor versions. */
export type ErrorCode =
  | 'VALIDATION'
  | 'SERVICE'
  | 'THROTTLED'
  | 'JOB_FAILED'
  | 'WAIT_TIMEOUT'
  | 'LIMIT'
  | 'RESPONSE_SHAPE'
  | 'MISSING_DEPENDENCY'
  | 'NOT_FOUND'
  | 'CONFLICT';

/** Options shared by every aws-ml-kit error constructor. */
export interface AwsMlKitErrorOptions {
  /** The underlying error, kept for debugging (never printed into the message). */
  cause?: unknown;
  /** Whether repeating the same call may succeed. */
  retryable?: boolean;
  /** The AWS request id, when a service answered. */
  requestId?: string | undefined;
}

/**
 * Base class of every error thrown by aws-ml-kit. Never thrown directly.
 *
 * @example
 * ```ts
 * import { isAwsMlKitError } from 'aws-ml-kit';
 * try { await work(); } catch (e) { if (isAwsMlKitError(e)) console.error(e.code, e.requestId); }
 * ```
 */
export class AwsMlKitError extends Error {
  /** Stable machine-readable code. */
  readonly code: ErrorCode;
  /** Whether repeating the same call may succeed. */
  readonly retryable: boolean;
  /** The AWS request id, when a service answered. */
  readonly requestId: string | undefined;

  constructor(message: string, code: ErrorCode, options: AwsMlKitErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AwsMlKitError';
    this.code = code;
    this.retryable = options.retryable ?? false;
    this.requestId = options.requestId;
    Object.defineProperty(this, BRAND, { value: true });
    // `cause` can be an SDK error whose `$response` holds the raw body; keep it out of enumeration so
    // JSON.stringify and shallow loggers never serialise it.
    if ('cause' in this) Object.defineProperty(this, 'cause', { enumerable: false });
  }

  /**
   * A JSON view with metadata only: name, code, message, retryable, requestId.
   *
   * @example
   * ```ts
   * JSON.stringify(error); // {"name":"ServiceError","code":"THROTTLED","message":…,"requestId":…}
   * ```
   */
  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      code: this.code,
      message: this.message,
      retryable: this.retryable,
      requestId: this.requestId,
    };
  }
}

/**
 * Bad input, detected before any request was sent. `field` is a dotted path, `rule` says what was expected.
 *
 * @example
 * ```ts
 * throw new ValidationError('options.maxChunkBytes', 'must be an integer between 1 and 20000, got 0');
 * ```
 */
export class ValidationError extends AwsMlKitError {
  /** Dotted path of the offending field, e.g. `options.maxChunkBytes`. */
  readonly field: string;
  /** The rule that failed, e.g. `must be an integer between 1 and 20000, got 0`. */
  readonly rule: string;

  constructor(field: string, rule: string, options: AwsMlKitErrorOptions = {}) {
    super(`${field} ${rule}`, 'VALIDATION', options);
    this.name = 'ValidationError';
    this.field = field;
    this.rule = rule;
  }
}

/** Options of {@link ServiceError}. */
export interface ServiceErrorOptions extends AwsMlKitErrorOptions {
  /** Service name, e.g. `Textract`. */
  service: string;
  /** Operation name, e.g. `AnalyzeDocument`. */
  operation: string;
  /** The service's error name, e.g. `ThrottlingException`. */
  errorName?: string | undefined;
  /** HTTP status of the response, when there was one. */
  httpStatusCode?: number | undefined;
  /** Overrides the default code (`SERVICE`), e.g. `THROTTLED` or `NOT_FOUND`. */
  code?: ErrorCode;
}

/**
 * A service answered with an error. `cause` holds the SDK exception; the message holds only names and ids.
 *
 * @example
 * ```ts
 * if (isServiceError(e) && e.errorName === 'ThrottlingException') await backOff();
 * ```
 */
export class ServiceError extends AwsMlKitError {
  /** Service name, e.g. `Textract`. */
  readonly service: string;
  /** Operation name, e.g. `AnalyzeDocument`. */
  readonly operation: string;
  /** The service's error name, e.g. `ThrottlingException`. */
  readonly errorName: string | undefined;
  /** HTTP status of the response, when there was one. */
  readonly httpStatusCode: number | undefined;

  constructor(message: string, options: ServiceErrorOptions) {
    super(message, options.code ?? 'SERVICE', options);
    this.name = 'ServiceError';
    this.service = options.service;
    this.operation = options.operation;
    this.errorName = options.errorName;
    this.httpStatusCode = options.httpStatusCode;
  }

  /** The base JSON view plus service, operation, error name and HTTP status. */
  override toJSON(): Record<string, unknown> {
    return {
      ...super.toJSON(),
      service: this.service,
      operation: this.operation,
      errorName: this.errorName,
      httpStatusCode: this.httpStatusCode,
    };
  }
}

/**
 * An asynchronous job (Textract, Transcribe, SageMaker) ended in a failed state.
 *
 * @example
 * ```ts
 * if (isJobFailedError(e)) console.error(`job ${e.jobId} ended ${e.status}`);
 * ```
 */
export class JobFailedError extends AwsMlKitError {
  /** The service's job id. */
  readonly jobId: string;
  /** The final job status, e.g. `FAILED`. */
  readonly status: string;
  /** The service's status message; services put no document content there. */
  readonly statusMessage: string | undefined;

  constructor(jobId: string, status: string, statusMessage?: string, options: AwsMlKitErrorOptions = {}) {
    super(
      `job ${jobId} ended with status ${status}${statusMessage ? `: ${statusMessage}` : ''}`,
      'JOB_FAILED',
      options,
    );
    this.name = 'JobFailedError';
    this.jobId = jobId;
    this.status = status;
    this.statusMessage = statusMessage;
  }
}

/**
 * Our own wait or poll deadline (`timeoutMs`) passed before a job finished.
 *
 * @example
 * ```ts
 * if (isWaitTimeoutError(e)) console.error(`gave up after ${e.elapsedMs} ms`);
 * ```
 */
export class WaitTimeoutError extends AwsMlKitError {
  /** How long we waited. */
  readonly elapsedMs: number;

  constructor(what: string, elapsedMs: number, options: AwsMlKitErrorOptions = {}) {
    super(`${what} did not finish within ${Math.round(elapsedMs)} ms`, 'WAIT_TIMEOUT', { retryable: true, ...options });
    this.name = 'WaitTimeoutError';
    this.elapsedMs = elapsedMs;
  }
}

/**
 * A service limit would be exceeded (size, count, quota) and the library cannot split the work further.
 *
 * @example
 * ```ts
 * throw new LimitError('Text', 'DetectPHI accepts at most 20000 UTF-8 bytes, got 20480');
 * ```
 */
export class LimitError extends AwsMlKitError {
  /** The limited quantity, e.g. `Text` or `payloadBytes`. */
  readonly limit: string;

  constructor(limit: string, detail: string, options: AwsMlKitErrorOptions = {}) {
    super(`${limit}: ${detail}`, 'LIMIT', options);
    this.name = 'LimitError';
    this.limit = limit;
  }
}

/**
 * A response (or saved response) lacks something its API contract promises, or contradicts itself.
 *
 * @example
 * ```ts
 * throw new ResponseShapeError('Textract', 'Blocks[3].Relationships', 'references missing block id');
 * ```
 */
export class ResponseShapeError extends AwsMlKitError {
  /** What was being read, e.g. an operation name. */
  readonly operation: string;
  /** Where in the response, e.g. `Blocks[3].Geometry`. */
  readonly path: string;

  constructor(operation: string, path: string, problem: string, options: AwsMlKitErrorOptions = {}) {
    super(`${operation} response: ${path} ${problem}`, 'RESPONSE_SHAPE', options);
    this.name = 'ResponseShapeError';
    this.operation = operation;
    this.path = path;
  }
}

/**
 * An optional peer dependency (usually an AWS SDK client) is not installed.
 *
 * @example
 * ```ts
 * if (isMissingDependencyError(e)) console.error(`run: npm install ${e.packageName}`);
 * ```
 */
export class MissingDependencyError extends AwsMlKitError {
  /** The npm package to install. */
  readonly packageName: string;

  constructor(packageName: string, feature: string, options: AwsMlKitErrorOptions = {}) {
    super(
      `${feature} needs the optional package ${packageName}; install it with: npm install ${packageName}`,
      'MISSING_DEPENDENCY',
      options,
    );
    this.name = 'MissingDependencyError';
    this.packageName = packageName;
  }
}

function hasBrand(value: unknown): value is AwsMlKitError {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
}

/**
 * True for any aws-ml-kit error, even one from another copy of the package.
 *
 * @example
 * ```ts
 * if (isAwsMlKitError(e)) logger.warn(e.code, { requestId: e.requestId });
 * ```
 */
export function isAwsMlKitError(value: unknown): value is AwsMlKitError {
  return hasBrand(value);
}
/**
 * True for a {@link ValidationError}.
 *
 * @example
 * ```ts
 * if (isValidationError(e)) console.error(`${e.field}: ${e.rule}`);
 * ```
 */
export function isValidationError(value: unknown): value is ValidationError {
  return hasBrand(value) && value.name === 'ValidationError';
}
/**
 * True for a {@link ServiceError}.
 *
 * @example
 * ```ts
 * if (isServiceError(e) && e.code === 'THROTTLED') await sleep(1000);
 * ```
 */
export function isServiceError(value: unknown): value is ServiceError {
  return hasBrand(value) && value.name === 'ServiceError';
}
/**
 * True for a {@link JobFailedError}.
 *
 * @example
 * ```ts
 * if (isJobFailedError(e)) console.error(e.jobId, e.statusMessage);
 * ```
 */
export function isJobFailedError(value: unknown): value is JobFailedError {
  return hasBrand(value) && value.name === 'JobFailedError';
}
/**
 * True for a {@link WaitTimeoutError}.
 *
 * @example
 * ```ts
 * if (isWaitTimeoutError(e)) console.error(`still running after ${e.elapsedMs} ms`);
 * ```
 */
export function isWaitTimeoutError(value: unknown): value is WaitTimeoutError {
  return hasBrand(value) && value.name === 'WaitTimeoutError';
}
/**
 * True for a {@link LimitError}.
 *
 * @example
 * ```ts
 * if (isLimitError(e)) console.error(`limit ${e.limit} reached`);
 * ```
 */
export function isLimitError(value: unknown): value is LimitError {
  return hasBrand(value) && value.name === 'LimitError';
}
/**
 * True for a {@link ResponseShapeError}.
 *
 * @example
 * ```ts
 * if (isResponseShapeError(e)) console.error(`${e.operation}: ${e.path}`);
 * ```
 */
export function isResponseShapeError(value: unknown): value is ResponseShapeError {
  return hasBrand(value) && value.name === 'ResponseShapeError';
}
/**
 * True for a {@link MissingDependencyError}.
 *
 * @example
 * ```ts
 * if (isMissingDependencyError(e)) console.error(`npm install ${e.packageName}`);
 * ```
 */
export function isMissingDependencyError(value: unknown): value is MissingDependencyError {
  return hasBrand(value) && value.name === 'MissingDependencyError';
}
