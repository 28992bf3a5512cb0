/**
 * Label category configuration files (`LabelCategoryConfigS3Uri`), and the audit variant an adjustment or
 * verification job needs: the parent's labels plus `auditLabelAttributeName` and `editsAllowed`.
 *
 * @module
 */
import { ValidationError } from '../kit/errors.js';

/** What an audit job may change: `none` (verification), `any`, or `regionOnly` (adjustment). */
export type EditsAllowed = 'none' | 'any' | 'regionOnly';

/** One label category; unknown fields (e.g. `attributes`) are kept. */
export interface LabelCategory {
  /** The label name. */
  readonly label: string;
  /** Other fields. */
  readonly [key: string]: unknown;
}

/** A label category configuration document. Unknown fields are kept. */
export interface LabelCategoryConfig {
  /** Always `2018-11-28`. */
  readonly 'document-version'?: string;
  /** Label categories. */
  readonly labels?: readonly LabelCategory[];
  /** For audit jobs: the label attribute of the job being audited. */
  readonly auditLabelAttributeName?: string;
  /** For audit jobs: what workers may change. */
  readonly editsAllowed?: EditsAllowed;
  /** Other fields (`frameAttributes`, `categoryGlobalAttributes`, `instructions` …). */
  readonly [key: string]: unknown;
}

/** The document version Ground Truth expects. */
export const LABEL_CATEGORY_DOCUMENT_VERSION = '2018-11-28';

/**
 * Builds a plain label category configuration from label names.
 *
 * @example
 * ```ts
 * labelCategoryConfig(['Vehicle']); // { 'document-version': '2018-11-28', labels: [{ label: 'Vehicle' }] }
 * ```
 */
export function labelCategoryConfig(
  labels: readonly string[],
  extra: Omit<LabelCategoryConfig, 'labels'> = {},
): LabelCategoryConfig {
  if (!Array.isArray(labels) || labels.length === 0 || labels.some((l) => typeof l !== 'string' || l.length === 0)) {
    throw new ValidationError('labels', 'must be a non-empty array of non-empty strings');
  }
  return { 'document-version': LABEL_CATEGORY_DOCUMENT_VERSION, ...extra, labels: labels.map((label) => ({ label })) };
}

/**
 * The configuration of an audit job: the parent's configuration (same labels; more may be added) with
 * `auditLabelAttributeName` set to the parent's label attribute and `editsAllowed` set.
 *
 * @example
 * ```ts
 * auditLabelCategoryConfig(vehicleConfig, 'nb-track-823f6d3e-vehicle-ref', 'any');
 * // { …vehicleConfig, auditLabelAttributeName: 'nb-track-823f6d3e-vehicle-ref', editsAllowed: 'any' }
 * ```
 */
export function auditLabelCategoryConfig(
  parent: LabelCategoryConfig,
  parentLabelAttributeName: string,
  editsAllowed: EditsAllowed,
  addedLabels: readonly string[] = [],
): LabelCategoryConfig {
  if (typeof parent !== 'object' || parent === null || Array.isArray(parent)) {
    throw new ValidationError('labelCategoryConfig', 'of the parent job must be a JSON object');
  }
  const labels = [...(parent.labels ?? [])];
  for (const label of addedLabels) if (!labels.some((l) => l.label === label)) labels.push({ label });
  return {
    ...parent,
    'document-version': parent['document-version'] ?? LABEL_CATEGORY_DOCUMENT_VERSION,
    labels,
    auditLabelAttributeName: parentLabelAttributeName,
    editsAllowed,
  };
}
