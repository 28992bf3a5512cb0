/**
 * Amazon Textract service limits as data, so validation, tests and docs share one number.
 *
 * Sources (checked 2026-11-22):
 * - "Set Quotas in Amazon Textract", https://docs.aws.amazon.com/textract/latest/dg/limits-document.html
 *   (file sizes, page counts, queries per page);
 * - the Textract API reference, as modelled in `@aws-sdk/client-textract` 3.1169.0 (`MaxResults` ≤ 1,000, job ids
 *   valid for 7 days, `FeatureType` and `JobStatus` enums, length and pattern constraints of ids and S3 names).
 *
 * @module
 */

/** The Textract limits aws-ml-kit checks before sending a request. */
export interface TextractLimits {
  /** Largest document accepted by the synchronous APIs (`Document.Bytes`), in bytes (10 MB). */
  readonly syncMaxBytes: number;
  /** Pages a PDF or TIFF may have for the synchronous APIs. */
  readonly syncMaxPages: number;
  /** Largest PDF or TIFF accepted by the asynchronous APIs, in bytes (500 MB). */
  readonly asyncMaxBytesPdfTiff: number;
  /** Largest JPEG or PNG accepted by the asynchronous APIs, in bytes (10 MB). */
  readonly asyncMaxBytesImage: number;
  /** Most pages an asynchronous job may process. */
  readonly asyncMaxPages: number;
  /** Most blocks one `Get*` call returns (`MaxResults`). */
  readonly maxResultsPerPage: number;
  /** Most queries per page for `AnalyzeDocument`. */
  readonly syncMaxQueries: number;
  /** Most queries per page for `StartDocumentAnalysis`. */
  readonly asyncMaxQueries: number;
  /** Longest query text, in characters. */
  readonly maxQueryTextChars: number;
  /** Longest query alias, in characters. */
  readonly maxQueryAliasChars: number;
  /** Longest job id, client request token or job tag, in characters. */
  readonly maxIdChars: number;
  /** Shortest S3 bucket name, in characters. */
  readonly s3BucketMinChars: number;
  /** Longest S3 bucket name Textract accepts, in characters. */
  readonly s3BucketMaxChars: number;
  /** Longest S3 object name or version, in characters. */
  readonly s3NameMaxChars: number;
  /** How long a job id stays valid, in days. */
  readonly jobRetentionDays: number;
  /** The feature types `AnalyzeDocument` accepts. */
  readonly featureTypes: readonly TextractFeatureType[];
  /** Where these numbers come from. */
  readonly source: string;
  /** When they were last checked (ISO date). */
  readonly checkedOn: string;
}

/** A Textract `FeatureType` for `AnalyzeDocument` / `StartDocumentAnalysis`. */
export type TextractFeatureType = 'TABLES' | 'FORMS' | 'QUERIES' | 'SIGNATURES' | 'LAYOUT';

const MB = 1024 * 1024;

/**
 * The Textract limits in force when this version was released.
 *
 * @example
 * ```ts
 * if (bytes.byteLength > TEXTRACT_LIMITS.syncMaxBytes) console.log('use the asynchronous API via S3');
 * ```
 */
export const TEXTRACT_LIMITS: TextractLimits = Object.freeze({
  syncMaxBytes: 10 * MB,
  syncMaxPages: 1,
  asyncMaxBytesPdfTiff: 500 * MB,
  asyncMaxBytesImage: 10 * MB,
  asyncMaxPages: 3000,
  maxResultsPerPage: 1000,
  syncMaxQueries: 15,
  asyncMaxQueries: 30,
  maxQueryTextChars: 200,
  maxQueryAliasChars: 100,
  maxIdChars: 64,
  s3BucketMinChars: 3,
  s3BucketMaxChars: 255,
  s3NameMaxChars: 1024,
  jobRetentionDays: 7,
  featureTypes: Object.freeze(['TABLES', 'FORMS', 'QUERIES', 'SIGNATURES', 'LAYOUT'] as const),
  source:
    'https://docs.aws.amazon.com/textract/latest/dg/limits-document.html; Textract API reference (@aws-sdk/client-textract 3.1169.0)',
  checkedOn: '2026-11-22',
});
