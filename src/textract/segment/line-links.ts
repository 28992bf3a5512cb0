import type { Unit } from './joinBaselineFragments.js';
import { median } from './median.js';
import type { SegmenterOptions } from './options.js';
import { lowerBound, segmentWork } from './segmentWork.js';
import { endsSentence, startsWithListMarker, startsWithPossibleListMarker } from './text-cues.js';
import type { BreakExplanation, SegmenterMode } from './types.js';

/** How far below a line the next line of its paragraph may start, in line heights, in any mode. */
const MAX_LINK_GAP_RATIO = 3;

/** Two units that may be consecutive lines of one paragraph (upper, lower). */
export interface Link {
  above: Unit;
  below: Unit;
  /** The column's right edge as far as these lines and their linked neighbours show it. */
  columnRight: number;
}

/** What {@link judgeBreak} needs besides the link. */
export interface BreakContext {
  mode: Exclude<SegmenterMode, 'layout'>;
  options: SegmenterOptions;
  /** The page's usual gap between lines of a paragraph, in line heights (see {@link typicalGapRatio}). */
  typicalGap: number;
  headings: ReadonlySet<Unit>;
  pageNumber: number;
}

/**
 * Each unit's nearest unit below that overlaps it horizontally, kept only when that unit's nearest unit above
 * is the same one (mutual nearest neighbours): order-independent, and every unit has at most one link each way.
 */
export function candidateLinks(units: readonly Unit[], minOverlap: number): Link[] {
  const sorted = [...units].sort((a, b) => a.y0 - b.y0 || a.x0 - b.x0 || a.index - b.index);
  const below = new Map<Unit, Unit>();
  const above = new Map<Unit, { unit: Unit; score: number }>();
  const topAt = (k: number) => sorted[k]!.y0;
  for (let i = 0; i < sorted.length; i++) {
    segmentWork.steps++;
    const u = sorted[i]!;
    let best: Unit | undefined;
    let bestScore = Number.POSITIVE_INFINITY;
    // Units starting less than half a line below u's top are on its row: skip them by search, not one by one
    // (thousands of units on one row, or on one spot, would make the scan quadratic).
    const from = Math.max(i + 1, lowerBound(sorted.length, topAt, u.y0 + 0.5 * u.height));
    for (let j = from; j < sorted.length; j++) {
      segmentWork.steps++;
      const v = sorted[j]!;
      const gap = v.y0 - u.y1;
      // Sorted by top edge, so nothing further down can be within reach.
      if (gap > 2 * MAX_LINK_GAP_RATIO * u.height) break;
      if (!overlapsEnough(u, v, minOverlap)) continue;
      const score = linkScore(u, v);
      if (score < bestScore) {
        bestScore = score;
        best = v;
      }
    }
    if (best === undefined) continue;
    below.set(u, best);
    const current = above.get(best);
    if (current === undefined || bestScore < current.score) above.set(best, { unit: u, score: bestScore });
  }
  const links: Link[] = [];
  for (const [u, v] of below) if (above.get(v)?.unit === u) links.push({ above: u, below: v, columnRight: 0 });
  // Two short lines alone say little about the column width; the lines around them say more.
  const aboveOf = new Map(links.map((l) => [l.below, l.above]));
  const belowOf = new Map(links.map((l) => [l.above, l.below]));
  for (const link of links) {
    const before = aboveOf.get(link.above)?.x1 ?? Number.NEGATIVE_INFINITY;
    const after = belowOf.get(link.below)?.x1 ?? Number.NEGATIVE_INFINITY;
    link.columnRight = Math.max(link.above.x1, link.below.x1, before, after);
  }
  return links;
}

/** Vertical distance, nudged by how much of the narrower unit the overlap covers. */
function linkScore(u: Unit, v: Unit): number {
  const gap = Math.max(v.y0 - u.y1, 0);
  const overlap = Math.min(u.x1, v.x1) - Math.max(u.x0, v.x0);
  const share = overlap / Math.max(Math.min(u.x1 - u.x0, v.x1 - v.x0), 1e-9);
  return gap + (1 - Math.min(share, 1)) * 0.5 * Math.max(u.height, v.height);
}

function overlapsEnough(u: Unit, v: Unit, minOverlap: number): boolean {
  const overlap = Math.min(u.x1, v.x1) - Math.max(u.x0, v.x0);
  const minWidth = Math.min(u.x1 - u.x0, v.x1 - v.x0);
  if (overlap >= minOverlap * minWidth && overlap > 0) return true;
  // Left-aligned lines of very different lengths still belong together.
  return Math.abs(u.x0 - v.x0) <= 2 * Math.min(u.charWidth, v.charWidth) && overlap > 0;
}

function gapRatioOf(link: Link): number {
  const { above, below } = link;
  return (below.y0 - above.y1) / ((above.height + below.height) / 2);
}

/**
 * The page's usual gap between consecutive lines of a paragraph, in line heights: the median over links
 * between lines of one size (within `lineHeightTolerance`) and less than 1.5 line heights apart.
 */
export function typicalGapRatio(links: readonly Link[], lineHeightTolerance: number): number {
  const ratios = links
    .filter(
      (l) =>
        Math.abs(l.above.height - l.below.height) <= lineHeightTolerance * Math.max(l.above.height, l.below.height),
    )
    .map(gapRatioOf)
    .filter((r) => r < 1.5);
  return ratios.length > 0 ? Math.max(median(ratios), -0.2) : 0.25;
}

/** Whether the first word of `below` would have fitted after the end of `above` (Tesseract's test). */
function firstWordWouldHaveFit({ above, below, columnRight }: Link): boolean {
  const firstLine = below.lines[0]!;
  const firstWord = firstLine.firstWord;
  const wordWidth = firstWord
    ? firstWord.x1 - firstWord.x0
    : (firstLine.line.text.split(/\s+/)[0]?.length ?? 0) * below.charWidth;
  return wordWidth + above.charWidth <= columnRight - above.x1;
}

/**
 * How two lines line up: both edges (`justified`), the left edge, the right edge, the centre, or `none`,
 * within `tolerance` frame units.
 */
function alignmentOf(above: Unit, below: Unit, tolerance: number): BreakExplanation['alignment'] {
  const left = Math.abs(above.x0 - below.x0) <= tolerance;
  const right = Math.abs(above.x1 - below.x1) <= tolerance;
  if (left && right) return 'justified';
  if (left) return 'left';
  if (right) return 'right';
  return Math.abs(above.x0 + above.x1 - below.x0 - below.x1) / 2 <= tolerance ? 'centre' : 'none';
}

/**
 * Decides whether `link` breaks and why (`none`: the lines join); records the feature values in `sink` when one
 * is given (explain()).
 */
export function judgeBreak(link: Link, context: BreakContext, sink: BreakExplanation[] | undefined): string {
  const { above, below } = link;
  const { mode, options, typicalGap, headings } = context;
  const gapRatio = gapRatioOf(link);
  const heightRatio = below.height / above.height;
  const charWidth = Math.min(above.charWidth, below.charWidth);
  const indentChars = (below.x0 - above.x0) / charWidth;
  const sentenceEnd = endsSentence(above.text);
  const fits = firstWordWouldHaveFit(link);
  // An ambiguous marker starts a new line on purpose only if it would have fitted on the line above.
  const listMarker = startsWithListMarker(below.text) || (startsWithPossibleListMarker(below.text) && fits);
  const heightMismatch = Math.abs(1 - Math.min(heightRatio, 1 / heightRatio)) > options.lineHeightTolerance;
  const wideGap = gapRatio > typicalGap + options.gapToleranceRatio;
  const alignment = alignmentOf(above, below, options.indentChars * charWidth);

  let reason = 'none';
  if (gapRatio > MAX_LINK_GAP_RATIO) reason = 'distance';
  else if (mode === 'fontSize') reason = heightMismatch ? 'fontSize' : 'none';
  else if (mode === 'lineSpacing') reason = wideGap ? 'gap' : 'none';
  else if (mode === 'fullStop') reason = sentenceEnd ? 'fullStop' : 'none';
  else if (mode === 'indentation') reason = Math.abs(indentChars) > options.indentChars ? 'indentation' : 'none';
  else if (headings.has(above) !== headings.has(below)) reason = 'heading';
  else if (heightMismatch) reason = 'fontSize';
  else if (wideGap) reason = 'gap';
  else if (listMarker) reason = 'listMarker';
  else if (sentenceEnd && fits) reason = 'firstWordFits';
  // A shifted left edge is a first-line indent only in left-aligned text, not in centred or right-aligned lines.
  else if (sentenceEnd && indentChars > options.indentChars && alignment === 'none') reason = 'indentation';

  sink?.push({
    page: context.pageNumber,
    fromLineId: above.lines.at(-1)!.line.id,
    toLineId: below.lines[0]!.line.id,
    isBreak: reason !== 'none',
    reason,
    gapRatio: round(gapRatio),
    typicalGapRatio: round(typicalGap),
    heightRatio: round(heightRatio),
    indentChars: round(indentChars),
    endsSentence: sentenceEnd,
    firstWordWouldHaveFit: fits,
    startsWithListMarker: listMarker,
    alignment,
  });
  return reason;
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
