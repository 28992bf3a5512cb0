/**
 * Cheap checks of TextractOcr input, run before any request. Messages name the field and the rule, with sizes
 * and counts only: never the bytes, query text, S3 names or other values a caller passed.
 *
 * @module
 */
import { ValidationError } from '../../kit/errors.js';
import { TEXTRACT_LIMITS, type TextractFeatureType } from './textractLimits.js';

/** An S3 object Textract reads for the asynchronous APIs. */
export interface TextractS3Document {
  /** Bucket name; it must be in the same region as Textract. */
  readonly bucket: string;
  /** Object key. */
  readonly name: string;
  /** Object version, for versioned buckets. */
  readonly version?: string | undefined;
}

/** A Textract query (feature type `QUERIES`). */
export interface TextractQuery {
  /** The question, e.g. `What is the invoice total?` (at most 200 characters). */
  readonly text: string;
  /** A short name for the answer, e.g. `TOTAL` (at most 100 characters). */
  readonly alias?: string | undefined;
  /** Pages to ask on, e.g. `['1', '3-5', '*']`. Default: the first page. */
  readonly pages?: readonly string[] | undefined;
}

const BUCKET_PATTERN = /^[0-9A-Za-z.\-_]+$/;
const ID_PATTERN = /^[a-zA-Z0-9-_]+$/;
const JOB_TAG_PATTERN = /^[a-zA-Z0-9_.\-:]+$/;
const PAGES_PATTERN = /^(\*|[1-9]\d*(-([1-9]\d*|\*))?)$/;

/**
 * Asserts `bytes` is a non-empty Uint8Array of at most `maxBytes`.
 *
 * @example
 * ```ts
 * assertDocumentBytes(bytes, 'bytes', TEXTRACT_LIMITS.syncMaxBytes);
 * ```
 */
export function assertDocumentBytes(bytes: unknown, field: string, maxBytes: number): asserts bytes is Uint8Array {
  if (!(bytes instanceof Uint8Array)) throw new ValidationError(field, 'must be a Uint8Array (or Buffer)');
  if (bytes.byteLength === 0) throw new ValidationError(field, 'must not be empty');
  if (bytes.byteLength > maxBytes) {
    throw new ValidationError(
      field,
      `must be at most ${maxBytes} bytes for this API, got ${bytes.byteLength}; larger PDF and TIFF files go through the asynchronous API via S3`,
    );
  }
}

/**
 * Asserts an S3 object reference has Textract's shape.
 *
 * @example
 * ```ts
 * assertS3Document({ bucket: 'my-bucket', name: 'scan.pdf' }, 'document');
 * ```
 */
export function assertS3Document(document: unknown, field: string): asserts document is TextractS3Document {
  if (typeof document !== 'object' || document === null) {
    throw new ValidationError(field, 'must be an object { bucket, name, version? }');
  }
  const { bucket, name, version } = document as Record<string, unknown>;
  assertBucket(bucket, `${field}.bucket`);
  assertText(name, `${field}.name`, TEXTRACT_LIMITS.s3NameMaxChars);
  if (version !== undefined) assertText(version, `${field}.version`, TEXTRACT_LIMITS.s3NameMaxChars);
}

/**
 * Asserts `bucket` is an S3 bucket name Textract accepts.
 *
 * @example
 * ```ts
 * assertBucket(options.s3.bucket, 'options.s3.bucket');
 * ```
 */
export function assertBucket(bucket: unknown, field: string): asserts bucket is string {
  const { s3BucketMinChars: min, s3BucketMaxChars: max } = TEXTRACT_LIMITS;
  if (typeof bucket !== 'string' || bucket.length < min || bucket.length > max || !BUCKET_PATTERN.test(bucket)) {
    throw new ValidationError(field, `must be an S3 bucket name of ${min}–${max} letters, digits, '.', '-' or '_'`);
  }
}

/**
 * Asserts `value` is a string of 1 to `maxChars` characters.
 *
 * @example
 * ```ts
 * assertText(query.text, 'options.queries[0].text', 200);
 * ```
 */
export function assertText(value: unknown, field: string, maxChars: number): asserts value is string {
  if (typeof value !== 'string' || value.length === 0 || value.length > maxChars) {
    const got = typeof value === 'string' ? `${value.length} characters` : typeof value;
    throw new ValidationError(field, `must be a string of 1–${maxChars} characters, got ${got}`);
  }
}

/**
 * Asserts a job id, client request token or job tag has Textract's shape.
 *
 * @example
 * ```ts
 * assertId(options.jobTag, 'options.jobTag', 'tag');
 * ```
 */
export function assertId(value: unknown, field: string, kind: 'id' | 'tag' = 'id'): asserts value is string {
  assertText(value, field, TEXTRACT_LIMITS.maxIdChars);
  const pattern = kind === 'tag' ? JOB_TAG_PATTERN : ID_PATTERN;
  if (!pattern.test(value)) {
    const allowed = kind === 'tag' ? "letters, digits, '_', '.', '-' or ':'" : "letters, digits, '-' or '_'";
    throw new ValidationError(field, `may contain only ${allowed}`);
  }
}

/**
 * Checks feature types and queries and returns the feature types to send: `QUERIES` is added when queries are
 * given, duplicates are refused.
 *
 * @example
 * ```ts
 * checkFeatures(['TABLES'], [{ text: 'What is the total?' }], 15); // ['TABLES', 'QUERIES']
 * ```
 */
export function checkFeatures(
  featureTypes: unknown,
  queries: unknown,
  maxQueries: number,
  field = 'options',
): TextractFeatureType[] {
  const allowed = TEXTRACT_LIMITS.featureTypes;
  if (!Array.isArray(featureTypes) || featureTypes.length === 0) {
    throw new ValidationError(`${field}.featureTypes`, `must be a non-empty array of ${allowed.join(', ')}`);
  }
  const types: TextractFeatureType[] = [];
  featureTypes.forEach((type, i) => {
    if (!allowed.includes(type as TextractFeatureType)) {
      throw new ValidationError(`${field}.featureTypes[${i}]`, `must be one of ${allowed.join(', ')}`);
    }
    if (types.includes(type as TextractFeatureType)) {
      throw new ValidationError(`${field}.featureTypes[${i}]`, 'repeats an earlier feature type');
    }
    types.push(type as TextractFeatureType);
  });
  if (queries === undefined) {
    if (types.includes('QUERIES'))
      throw new ValidationError(`${field}.queries`, 'is required with feature type QUERIES');
    return types;
  }
  if (!Array.isArray(queries) || queries.length === 0 || queries.length > maxQueries) {
    throw new ValidationError(`${field}.queries`, `must be an array of 1–${maxQueries} queries for this API`);
  }
  queries.forEach((query: unknown, i) => {
    assertQuery(query, `${field}.queries[${i}]`);
  });
  if (!types.includes('QUERIES')) types.push('QUERIES');
  return types;
}

function assertQuery(query: unknown, field: string): asserts query is TextractQuery {
  if (typeof query !== 'object' || query === null)
    throw new ValidationError(field, 'must be an object { text, alias?, pages? }');
  const { text, alias, pages } = query as Record<string, unknown>;
  assertText(text, `${field}.text`, TEXTRACT_LIMITS.maxQueryTextChars);
  if (alias !== undefined) assertText(alias, `${field}.alias`, TEXTRACT_LIMITS.maxQueryAliasChars);
  if (pages === undefined) return;
  if (!Array.isArray(pages) || pages.length === 0)
    throw new ValidationError(`${field}.pages`, 'must be a non-empty array');
  pages.forEach((page: unknown, j) => {
    if (typeof page !== 'string' || !PAGES_PATTERN.test(page)) {
      throw new ValidationError(
        `${field}.pages[${j}]`,
        "must be a page number, a range such as '2-4' or '3-*', or '*'",
      );
    }
  });
}

/**
 * Asserts an optional duration is a positive number of milliseconds (`Infinity` allowed where `allowInfinity`).
 *
 * @example
 * ```ts
 * assertDurationMs(options.timeoutMs, 'options.timeoutMs');
 * ```
 */
export function assertDurationMs(value: unknown, field: string, allowInfinity = false): void {
  if (value === undefined) return;
  const ok = typeof value === 'number' && value > 0 && (allowInfinity || Number.isFinite(value));
  if (!ok) {
    const got = typeof value === 'number' ? String(value) : typeof value;
    throw new ValidationError(
      field,
      `must be a positive${allowInfinity ? '' : ', finite'} number of milliseconds, got ${got}`,
    );
  }
}

/**
 * Asserts an optional integer lies in [min, max].
 *
 * @example
 * ```ts
 * assertIntegerInRange(options.maxResults, 'options.maxResults', 1, 1000);
 * ```
 */
export function assertIntegerInRange(value: unknown, field: string, min: number, max: number): void {
  if (value === undefined) return;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    const got = typeof value === 'number' ? String(value) : typeof value;
    throw new ValidationError(field, `must be an integer between ${min} and ${max}, got ${got}`);
  }
}
