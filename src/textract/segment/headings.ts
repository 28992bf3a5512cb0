import type { Unit } from './joinBaselineFragments.js';
import { median } from './median.js';
import type { SegmenterOptions } from './options.js';
import type { PageDraft } from './PageDraft.js';
import { wordCount } from './text-cues.js';
import type { PageFrame } from './toReadingFrame.js';

/**
 * Body text height: the character-weighted median unit height, leaving out handwriting (irregular sizes)
 * and turned lines.
 *
 * @example
 * ```ts
 * const body = bodyHeightOf(units);
 * ```
 */
export function bodyHeightOf(units: readonly Unit[]): number {
  const weighted: { h: number; w: number }[] = [];
  for (const unit of units) {
    if (isHandwrittenOrRotated(unit)) continue;
    weighted.push({ h: unit.height, w: Math.max(unit.text.replace(/\s/g, '').length, 1) });
  }
  if (weighted.length === 0) return median(units.map((u) => u.height)) || 1e-3;
  weighted.sort((a, b) => a.h - b.h);
  const total = weighted.reduce((s, x) => s + x.w, 0);
  let acc = 0;
  for (const x of weighted) {
    acc += x.w;
    if (acc >= total / 2) return x.h;
  }
  return weighted.at(-1)!.h;
}

/** A line at least `headingHeightRatio` × body height, short, made of words, and not a key: value field. */
export function isHeadingCandidate(
  unit: Unit,
  bodyHeight: number,
  keyValueLineIds: ReadonlySet<string>,
  options: SegmenterOptions,
): boolean {
  if (unit.height < options.headingHeightRatio * bodyHeight) return false;
  const words = wordCount(unit.text);
  if (words === 0 || words > options.maxHeadingWords) return false;
  // Headings are words: codes like "ESTS8E103" and amounts are not.
  const alphanumeric = unit.text.replace(/[^\p{L}\p{N}]/gu, '');
  const letters = unit.text.replace(/[^\p{L}]/gu, '').length;
  if (letters === 0 || letters < 0.6 * alphanumeric.length) return false;
  // A form field Textract read as a key-value pair ("Date : 08/14/2022") is not a heading.
  if (unit.lines.some((l) => keyValueLineIds.has(l.line.id)) && /\S\s*:\s*\S/u.test(unit.text)) return false;
  // Handwriting is large and irregular, and a vertical margin note is tall only because it is turned.
  return !isHandwrittenOrRotated(unit);
}

/** Handwriting (irregular sizes) and lines turned against the page say nothing about font size. */
export function isHandwrittenOrRotated(unit: Unit): boolean {
  let rotated = true;
  let words = 0;
  let handwritten = 0;
  for (const line of unit.lines) {
    rotated &&= line.rotated;
    words += line.wordCount;
    handwritten += line.handwrittenWords;
  }
  return rotated || (words > 0 && handwritten >= words / 2);
}

/** The tallest heading in the upper half of the first page is the document title. */
export function promoteTitle(drafts: PageDraft[], frame: PageFrame): void {
  let best: PageDraft | undefined;
  let bestHeight = 0;
  const middle = (frame.y0 + frame.y1) / 2;
  for (const draft of drafts) {
    if (draft.role !== 'sectionHeader' || draft.box.y0 > middle) continue;
    const height = median(draft.lines.map((l) => l.height));
    if (height > bestHeight) {
      bestHeight = height;
      best = draft;
    }
  }
  if (best) best.role = 'title';
}
