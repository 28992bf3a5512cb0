/**
 * The single logging chokepoint. aws-ml-kit is silent unless a logger is injected, and even then it passes
 * only allow-listed metadata — operation names, ids, counts, sizes, durations — never payloads.
 *
 * @module
 */

/** Any structured logger: `console`, pino, Powertools Logger … */
export interface Logger {
  /** Detail: each service call, with its request id and duration. */
  debug(message: string, meta?: Record<string, unknown>): void;
  /** Milestones: a job started or collected. */
  info(message: string, meta?: Record<string, unknown>): void;
  /** Recovered trouble: throttling, a skipped item, a failed clean-up. */
  warn(message: string, meta?: Record<string, unknown>): void;
  /** Failures. */
  error(message: string, meta?: Record<string, unknown>): void;
}

/** Metadata keys whose numeric or boolean values may be logged. */
const NUMERIC_KEYS = new Set([
  'attempt',
  'attempts',
  'blocks',
  'bytes',
  'chars',
  'chunks',
  'count',
  'delayMs',
  'durationMs',
  'entities',
  'frames',
  'httpStatusCode',
  'index',
  'lines',
  'page',
  'pages',
  'retryable',
  'segments',
  'total',
  'units',
  'words',
]);

/** Metadata keys whose string values may be logged: identifiers and enumerations chosen by code, not users. */
const STRING_KEYS = new Set([
  'code',
  'errorName',
  'event',
  'jobId',
  'mode',
  'operation',
  'requestId',
  'service',
  'status',
]);

/** Longest string value that passes; ids and enum values are far shorter. */
const MAX_STRING_LENGTH = 128;
const SAFE_STRING = /^[\w.:/@+=,-]*$/;

/**
 * Keeps only allow-listed metadata. Unknown keys are dropped (not masked); strings must look like identifiers.
 *
 * @example
 * ```ts
 * filterLogMeta({ operation: 'DetectPHI', chars: 120, text: 'Jane Doe' }); // { operation: 'DetectPHI', chars: 120 }
 * ```
 */
export function filterLogMeta(meta: Record<string, unknown> | undefined): Record<string, string | number | boolean> {
  const safe: Record<string, string | number | boolean> = {};
  if (!meta) return safe;
  for (const [key, value] of Object.entries(meta)) {
    if (NUMERIC_KEYS.has(key) && (typeof value === 'number' || typeof value === 'boolean')) safe[key] = value;
    else if (
      STRING_KEYS.has(key) &&
      typeof value === 'string' &&
      value.length <= MAX_STRING_LENGTH &&
      SAFE_STRING.test(value)
    ) {
      safe[key] = value;
    }
  }
  return safe;
}

const SILENT: Logger = { debug() {}, info() {}, warn() {}, error() {} };

/**
 * Wraps an injected logger so that every call passes through {@link filterLogMeta}. Messages are fixed event
 * names chosen by aws-ml-kit code. Returns a silent logger when none is given. A logger that throws is ignored.
 *
 * @example
 * ```ts
 * const logger = createSafeLogger(console);
 * logger.debug('call succeeded', { operation: 'DetectPHI', text: note }); // text is dropped
 * ```
 */
export function createSafeLogger(logger: Logger | undefined): Logger {
  if (!logger) return SILENT;
  const forward =
    (level: keyof Logger) =>
    (message: string, meta?: Record<string, unknown>): void => {
      try {
        logger[level](`aws-ml-kit: ${message}`, filterLogMeta(meta));
      } catch {
        // Logging must never break the operation being logged.
      }
    };
  return { debug: forward('debug'), info: forward('info'), warn: forward('warn'), error: forward('error') };
}
