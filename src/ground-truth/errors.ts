/**
 * Ground Truth errors, built on the kit hierarchy. Messages name jobs, URIs' buckets and statuses — never
 * manifest lines, labels or label category contents.
 *
 * @module
 */
import { AwsMlKitError, type AwsMlKitErrorOptions, isAwsMlKitError } from '../kit/errors.js';

/**
 * An object (manifest, label category file) does not exist in the object store.
 *
 * @example
 * ```ts
 * if (isObjectNotFoundError(e)) console.error(`missing: ${e.uri}`);
 * ```
 */
export class ObjectNotFoundError extends AwsMlKitError {
  /** The `s3://` URI asked for. */
  readonly uri: string;

  constructor(uri: string, options: AwsMlKitErrorOptions = {}) {
    super(`no object at ${uri}`, 'NOT_FOUND', options);
    this.name = 'ObjectNotFoundError';
    this.uri = uri;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), uri: this.uri };
  }
}

/**
 * A job outside the workflow that a job chains from is not Completed, so its output manifest is not final.
 *
 * @example
 * ```ts
 * if (isParentJobNotCompleteError(e)) console.error(`${e.jobName} is ${e.status}`);
 * ```
 */
export class ParentJobNotCompleteError extends AwsMlKitError {
  /** The parent job's name. */
  readonly jobName: string;
  /** Its status. */
  readonly status: string;

  constructor(jobName: string, status: string, options: AwsMlKitErrorOptions = {}) {
    super(`cannot chain from labeling job ${jobName}: it is ${status}, not Completed`, 'CONFLICT', options);
    this.name = 'ParentJobNotCompleteError';
    this.jobName = jobName;
    this.status = status;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), jobName: this.jobName, status: this.status };
  }
}

/**
 * True for an {@link ObjectNotFoundError}.
 *
 * @example
 * ```ts
 * if (isObjectNotFoundError(e)) await upload();
 * ```
 */
export function isObjectNotFoundError(value: unknown): value is ObjectNotFoundError {
  return isAwsMlKitError(value) && value.name === 'ObjectNotFoundError';
}

/**
 * True for a {@link ParentJobNotCompleteError}.
 *
 * @example
 * ```ts
 * if (isParentJobNotCompleteError(e)) await waitForParent(e.jobName);
 * ```
 */
export function isParentJobNotCompleteError(value: unknown): value is ParentJobNotCompleteError {
  return isAwsMlKitError(value) && value.name === 'ParentJobNotCompleteError';
}
