import { ValidationError } from '../../kit/errors.js';
import type { Logger } from '../../kit/log.js';
import { SEGMENTER_MODES, type SegmenterMode, USE_LAYOUT_VALUES, type UseLayout } from './types.js';

/** Options of {@link ParagraphSegmenter}. Every threshold is relative (line heights, character widths, page share). */
export interface SegmenterOptions {
  /** Strategy; `auto` combines every cue. Default `auto`. */
  mode: SegmenterMode;
  /** Use Textract LAYOUT blocks when present (`auto`), always (`require`) or never (`ignore`). Default `auto`. */
  useLayout: UseLayout;
  /** A line at least this many times the body height is a heading. Default 1.3. */
  headingHeightRatio: number;
  /** Headings have at most this many words. Default 14. */
  maxHeadingWords: number;
  /** Lines whose heights differ by more than this share are not joined. Default 0.3. */
  lineHeightTolerance: number;
  /** A gap this much (in line heights) above the page's typical gap breaks a paragraph. Default 0.5. */
  gapToleranceRatio: number;
  /** A left-edge shift of more than this many character widths counts as an indent. Default 1.5. */
  indentChars: number;
  /** Same-baseline LINEs closer than this many character widths are re-joined. Default 1.6. */
  joinGapChars: number;
  /** Two lines join only when their horizontal overlap is at least this share of the narrower. Default 0.3. */
  minColumnOverlap: number;
  /** Key-value rows (and form-like tables) up to this many body lines apart form one region. Default 2.5. */
  keyValueGapLines: number;
  /** Page share at the top (and bottom) where headers (footers) are looked for. Default 0.15. */
  furnitureBand: number;
  /** Repeated header/footer: same text within this page share of the same position. Default 0.02. */
  repeatTolerance: number;
  /** Repeated header/footer: on at least this share of pages (and at least two). Default 0.5. */
  repeatMinShare: number;
  /** Rows with at least this many widely spaced cells form a table row when no TABLE block covers them. Default 3. */
  tableMinCells: number;
  /** At least this many consecutive table rows make a table. Default 2. */
  tableMinRows: number;
  /** Mark paragraphs and tables that continue on the next page. Default true. */
  crossPage: boolean;
  /** Receives metadata-only warnings (e.g. skipped malformed blocks). Default: silent. */
  logger?: Logger | undefined;
  /** Skip malformed LINE blocks (reporting them through `logger`) instead of throwing. Default false. */
  skipInvalidLines: boolean;
}

/**
 * The documented defaults of {@link SegmenterOptions}, tuned once on principles across all fixtures.
 *
 * @example
 * ```ts
 * const segmenter = new ParagraphSegmenter({ ...DEFAULT_SEGMENTER_OPTIONS, useLayout: 'ignore' });
 * ```
 */
export const DEFAULT_SEGMENTER_OPTIONS: Readonly<SegmenterOptions> = Object.freeze({
  mode: 'auto',
  useLayout: 'auto',
  headingHeightRatio: 1.3,
  maxHeadingWords: 14,
  lineHeightTolerance: 0.3,
  gapToleranceRatio: 0.5,
  indentChars: 1.5,
  joinGapChars: 1.6,
  minColumnOverlap: 0.3,
  keyValueGapLines: 2.5,
  furnitureBand: 0.15,
  repeatTolerance: 0.02,
  repeatMinShare: 0.5,
  tableMinCells: 3,
  tableMinRows: 2,
  crossPage: true,
  skipInvalidLines: false,
});

const POSITIVE_KEYS = [
  'headingHeightRatio',
  'maxHeadingWords',
  'lineHeightTolerance',
  'gapToleranceRatio',
  'joinGapChars',
  'keyValueGapLines',
  'furnitureBand',
  'repeatTolerance',
  'repeatMinShare',
  'tableMinCells',
  'tableMinRows',
] as const;

/** Merges caller options over the defaults and checks them; throws {@link ValidationError} naming the field. */
export function resolveSegmenterOptions(options: Partial<SegmenterOptions> | undefined): SegmenterOptions {
  const merged: SegmenterOptions = { ...DEFAULT_SEGMENTER_OPTIONS, ...stripUndefined(options ?? {}) };
  if (!SEGMENTER_MODES.includes(merged.mode)) {
    throw new ValidationError('options.mode', `must be one of ${SEGMENTER_MODES.join(', ')}`);
  }
  if (!USE_LAYOUT_VALUES.includes(merged.useLayout)) {
    throw new ValidationError('options.useLayout', `must be one of ${USE_LAYOUT_VALUES.join(', ')}`);
  }
  for (const key of POSITIVE_KEYS) {
    const value = merged[key];
    if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
      throw new ValidationError(`options.${key}`, 'must be a finite number greater than 0');
    }
  }
  for (const key of ['indentChars', 'minColumnOverlap'] as const) {
    const value = merged[key];
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
      throw new ValidationError(`options.${key}`, 'must be a finite number of at least 0');
    }
  }
  if (merged.furnitureBand >= 0.5) throw new ValidationError('options.furnitureBand', 'must be below 0.5');
  if (merged.repeatMinShare > 1) throw new ValidationError('options.repeatMinShare', 'must be at most 1');
  return merged;
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
