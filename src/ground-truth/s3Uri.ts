/**
 * `s3://bucket/key` URIs: parse, join, and the output layout of a labeling job.
 *
 * @module
 */
import { ValidationError } from '../kit/errors.js';

/** A parsed `s3://bucket/key` URI. */
export interface S3Location {
  /** Bucket name. */
  readonly bucket: string;
  /** Object key (may be empty for a bucket root). */
  readonly key: string;
}

const S3_URI = /^s3:\/\/([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])(?:\/(.*))?$/;

/**
 * Parses an `s3://bucket/key` URI; throws a {@link ValidationError} naming `field` otherwise.
 *
 * @example
 * ```ts
 * parseS3Uri('s3://my-bucket/manifests/in.manifest', 'input'); // { bucket: 'my-bucket', key: 'manifests/in.manifest' }
 * ```
 */
export function parseS3Uri(uri: unknown, field = 'uri'): S3Location {
  const match = typeof uri === 'string' ? S3_URI.exec(uri) : null;
  if (!match) throw new ValidationError(field, 'must be an s3://bucket/key URI');
  return { bucket: match[1]!, key: match[2] ?? '' };
}

/**
 * Joins an S3 URI and path parts with single slashes.
 *
 * @example
 * ```ts
 * joinS3Uri('s3://b/out/', 'job', 'manifests'); // 's3://b/out/job/manifests'
 * ```
 */
export function joinS3Uri(base: string, ...parts: string[]): string {
  return [base.replace(/\/+$/, ''), ...parts.map((part) => part.replace(/^\/+|\/+$/g, ''))]
    .filter((part) => part.length > 0)
    .join('/');
}

/**
 * Where Ground Truth writes a job's output manifest: `{S3OutputPath}/{jobName}/manifests/output/output.manifest`.
 *
 * @example
 * ```ts
 * outputManifestUri('s3://b/out', 'job-1'); // 's3://b/out/job-1/manifests/output/output.manifest'
 * ```
 */
export function outputManifestUri(s3OutputPath: string, jobName: string): string {
  return joinS3Uri(s3OutputPath, jobName, 'manifests/output/output.manifest');
}
