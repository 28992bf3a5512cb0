/**
 * Naming rules of `CreateLabelingJob`: job names (1–63 characters, unique per account and region regardless
 * of case, never reusable) and label attribute names (1–127 characters, the `-ref` rule per task type).
 *
 * @module
 */
import { ValidationError } from '../kit/errors.js';
import type { RefRule } from './taskTypes.js';

/** `LabelingJobName` pattern of the SageMaker model: letters, digits and inner hyphens. */
export const LABELING_JOB_NAME_PATTERN: RegExp = /^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$/;
/** Longest `LabelingJobName`. */
export const MAX_LABELING_JOB_NAME_LENGTH = 63;
/** Longest `LabelAttributeName`. */
export const MAX_LABEL_ATTRIBUTE_NAME_LENGTH = 127;
const ATTRIBUTE_PATTERN = /^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,126}$/;

/** FNV-1a 32-bit, as 8 hex digits: a short, stable suffix for shortened names. */
function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}

/**
 * `{batchId}-{suffix}`; when that is longer than 63 characters, a prefix of it plus `-` and an 8-digit hash of
 * the full name, so distinct long names stay distinct and the result still matches the name pattern.
 *
 * @example
 * ```ts
 * deriveJobName('nb-track-823f6d3e', 'vehicle-audit'); // 'nb-track-823f6d3e-vehicle-audit'
 * deriveJobName('b'.repeat(60), 'lane').length; // 63
 * ```
 */
export function deriveJobName(batchId: string, suffix: string): string {
  const full = `${batchId}-${suffix}`;
  if (full.length <= MAX_LABELING_JOB_NAME_LENGTH) return full;
  const prefix = full.slice(0, MAX_LABELING_JOB_NAME_LENGTH - 9).replace(/-+$/, '');
  return `${prefix}-${fnv1a(full.toLowerCase())}`;
}

/**
 * Throws a {@link ValidationError} unless `name` is a valid `LabelingJobName`.
 *
 * @example
 * ```ts
 * checkJobName('nb-track-823f6d3e-lane', 'jobs[1].name');
 * ```
 */
export function checkJobName(name: unknown, field: string): asserts name is string {
  if (typeof name !== 'string' || !LABELING_JOB_NAME_PATTERN.test(name)) {
    const length = typeof name === 'string' ? name.length : 0;
    throw new ValidationError(
      field,
      `must be 1-63 letters, digits and inner hyphens (pattern ^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}), got ${length} characters`,
    );
  }
}

/**
 * Throws a {@link ValidationError} unless `name` is a valid `LabelAttributeName` for a task type with
 * `refRule`: 1–127 characters of the name pattern, not ending in `-metadata`, not `source`/`source-ref`,
 * ending in `-ref` exactly when the task type requires it.
 *
 * @example
 * ```ts
 * checkLabelAttributeName('vehicle-ref', 'required', 'jobs[0].labelAttributeName'); // ok
 * checkLabelAttributeName('vehicle', 'required', 'jobs[0].labelAttributeName'); // throws: must end in -ref
 * ```
 */
export function checkLabelAttributeName(name: unknown, refRule: RefRule, field: string): asserts name is string {
  if (typeof name !== 'string' || !ATTRIBUTE_PATTERN.test(name)) {
    throw new ValidationError(field, 'must be 1-127 letters, digits and inner hyphens');
  }
  if (name.endsWith('-metadata')) throw new ValidationError(field, 'must not end in -metadata');
  if (name === 'source' || name === 'source-ref') throw new ValidationError(field, `is reserved (${name})`);
  if (refRule === 'required' && !name.endsWith('-ref')) {
    throw new ValidationError(field, 'must end in -ref for this task type');
  }
  if (refRule === 'forbidden' && name.endsWith('-ref')) {
    throw new ValidationError(field, 'must not end in -ref for this task type');
  }
}

/**
 * The default label attribute name of a job: `{jobName}-ref` when the task type needs `-ref`, else the name
 * (with `-labels` appended when the name itself ends in `-ref` and the task type forbids that).
 *
 * @example
 * ```ts
 * defaultLabelAttributeName('nb-track-823f6d3e-lane', 'required'); // 'nb-track-823f6d3e-lane-ref'
 * ```
 */
export function defaultLabelAttributeName(jobName: string, refRule: RefRule): string {
  if (refRule === 'required') return `${jobName}-ref`;
  // A job named `…-ref` of a task type that forbids the suffix gets a name that does not end in it.
  if (refRule === 'forbidden' && jobName.endsWith('-ref')) return `${jobName}-labels`;
  return jobName;
}
