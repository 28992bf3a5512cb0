import { type FrameBox, type FrameLine, median, type PageFrame } from './frame.js';
import type { FurnitureRole } from './furniture.js';
import type { InputPage } from './input.js';
import { findKeyValueRegions } from './key-values.js';
import type { SegmenterOptions } from './options.js';
import { xyCutOrder } from './reading-order.js';
import { findTables, tableReadingOrder } from './tables.js';
import { endsSentence, startsWithListMarker, wordCount } from './text-cues.js';
import type { BreakExplanation, SegmentBox, SegmenterMode, SegmentRole } from './types.js';
import { type Unit, unionBox } from './units.js';

/** A segment of one page before numbering: its role, lines in reading order and box in the reading frame. */
export interface PageDraft {
  role: SegmentRole;
  lines: FrameLine[];
  box: FrameBox;
  source: 'layout' | 'heuristic';
  /** 0–100 for layout blocks; undefined means "mean line confidence". */
  confidence?: number | undefined;
  layoutId?: string | undefined;
  /** The LAYOUT block's own normalised box, used when it has no lines (empty figures). */
  normalizedBox?: SegmentBox | undefined;
}

/** Everything the heuristic needs about one page. */
export interface HeuristicPageInput {
  page: InputPage;
  frame: PageFrame;
  units: readonly Unit[];
  furniture: ReadonlyMap<Unit, FurnitureRole>;
  bodyHeight: number;
}

/** How far below a line the next line of its paragraph may start, in line heights, in any mode. */
const MAX_LINK_GAP_RATIO = 3;

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

interface Link {
  above: Unit;
  below: Unit;
}

/**
 * Segments one page without LAYOUT: tables first (never merged into prose), then page furniture, then
 * paragraphs as chains of mutually nearest vertical neighbours that no break cue separates, ordered by XY-cut.
 *
 * @example
 * ```ts
 * const { drafts, explanations } = segmentPageHeuristically(pageInput, 'auto', options);
 * ```
 */
export function segmentPageHeuristically(
  input: HeuristicPageInput,
  mode: Exclude<SegmenterMode, 'layout'>,
  options: SegmenterOptions,
  explain = false,
): { drafts: PageDraft[]; explanations: BreakExplanation[] } {
  const { page, units, furniture, bodyHeight } = input;
  const found = findTables(units, page.tables, bodyHeight, options);
  const furnitureUnits = mode === 'auto' ? found.rest.filter((u) => furniture.has(u)) : [];
  const furnitureSet = new Set(furnitureUnits);
  const candidates = found.rest.filter((u) => !furnitureSet.has(u));

  const headings = new Set<Unit>();
  if (mode === 'auto' || mode === 'fontSize') {
    for (const unit of candidates) {
      if (isHeadingCandidate(unit, bodyHeight, page.keyValueLineIds, options)) headings.add(unit);
    }
  }
  const { regions, tables } =
    mode === 'auto'
      ? findKeyValueRegions(
          candidates.filter((u) => !headings.has(u)),
          found.tables,
          page.keyValueLineIds,
          bodyHeight,
          options.keyValueGapLines,
        )
      : { regions: [], tables: found.tables };
  // Headings were kept out of the regions; they and every unit outside a region are the body.
  const inRegion = new Set(regions.flatMap((r) => r.units));
  const body = candidates.filter((u) => !inRegion.has(u));

  const links = candidateLinks(body, options.minColumnOverlap);
  const typicalGap = typicalGapRatio(links.filter((l) => !headings.has(l.above) && !headings.has(l.below)));
  const explanations: BreakExplanation[] | undefined = explain ? [] : undefined;
  const next = new Map<Unit, Unit>();
  const hasPrevious = new Set<Unit>();
  const context: BreakContext = { mode, options, typicalGap, headings, pageNumber: page.page };
  for (const link of links) {
    if (!judgeBreak(link, context, explanations)) {
      next.set(link.above, link.below);
      hasPrevious.add(link.below);
    }
  }

  const drafts: PageDraft[] = [];
  for (const start of body) {
    if (hasPrevious.has(start)) continue;
    const chain: Unit[] = [start];
    for (let u = next.get(start); u !== undefined; u = next.get(u)) chain.push(u);
    drafts.push(draftOf(chain, roleOfChain(chain, headings)));
  }
  if (page.page === 1) promoteTitle(drafts, input.frame);
  // Furniture rows: neighbouring units of one role on the same band become one segment per row.
  for (const unit of furnitureUnits) drafts.push(draftOf([unit], furniture.get(unit)!));
  for (const region of regions) {
    drafts.push({
      role: 'keyValue',
      lines: region.units.flatMap((u) => u.lines),
      box: region.box,
      source: 'heuristic',
    });
  }
  for (const table of tables) {
    drafts.push({
      role: 'table',
      lines: tableReadingOrder(table.units).flatMap((u) => u.lines),
      box: table.box,
      source: 'heuristic',
    });
  }
  const order = xyCutOrder(
    drafts.map((d) => d.box),
    0,
  );
  return { drafts: order.map((i) => drafts[i]!), explanations: explanations ?? [] };
}

function draftOf(chain: readonly Unit[], role: SegmentRole): PageDraft {
  return { role, lines: chain.flatMap((u) => u.lines), box: unionBox(chain), source: 'heuristic' };
}

function isHeadingCandidate(
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
function promoteTitle(drafts: PageDraft[], frame: PageFrame): void {
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

function roleOfChain(chain: readonly Unit[], headings: ReadonlySet<Unit>): SegmentRole {
  const first = chain[0]!;
  if (headings.has(first)) return 'sectionHeader';
  return startsWithListMarker(first.text) ? 'listItem' : 'paragraph';
}

/**
 * Each unit's nearest unit below that overlaps it horizontally, kept only when that unit's nearest unit above
 * is the same one (mutual nearest neighbours): order-independent, and every unit has at most one link each way.
 */
function candidateLinks(units: readonly Unit[], minOverlap: number): Link[] {
  const sorted = [...units].sort((a, b) => a.y0 - b.y0 || a.x0 - b.x0 || a.index - b.index);
  const below = new Map<Unit, Unit>();
  const above = new Map<Unit, { unit: Unit; score: number }>();
  for (let i = 0; i < sorted.length; i++) {
    const u = sorted[i]!;
    let best: Unit | undefined;
    let bestScore = Number.POSITIVE_INFINITY;
    for (let j = i + 1; j < sorted.length; j++) {
      const v = sorted[j]!;
      const gap = v.y0 - u.y1;
      // Sorted by top edge, so nothing further down can be within reach.
      if (gap > 2 * MAX_LINK_GAP_RATIO * u.height) break;
      if (v.y0 < u.y0 + 0.5 * u.height) continue;
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
  for (const [u, v] of below) if (above.get(v)?.unit === u) links.push({ above: u, below: v });
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

/** The page's usual gap between consecutive lines of a paragraph, in line heights. */
function typicalGapRatio(links: readonly Link[]): number {
  const ratios = links
    .filter((l) => Math.abs(l.above.height - l.below.height) <= 0.3 * Math.max(l.above.height, l.below.height))
    .map(gapRatioOf)
    .filter((r) => r < 1.5);
  return ratios.length > 0 ? Math.max(median(ratios), -0.2) : 0.25;
}

interface BreakContext {
  mode: Exclude<SegmenterMode, 'layout'>;
  options: SegmenterOptions;
  typicalGap: number;
  headings: ReadonlySet<Unit>;
  pageNumber: number;
}

/** Whether the first word of `below` would have fitted after the end of `above` (Tesseract's test). */
function firstWordWouldHaveFit(above: Unit, below: Unit): boolean {
  const firstLine = below.lines[0]!;
  const firstWord = firstLine.firstWord;
  const wordWidth = firstWord
    ? firstWord.x1 - firstWord.x0
    : (firstLine.line.text.split(/\s+/)[0]?.length ?? 0) * below.charWidth;
  const right = Math.max(above.x1, below.x1);
  return wordWidth + above.charWidth <= right - above.x1;
}

/** Decides whether `link` breaks; records the feature values in `sink` when one is given (explain()). */
function judgeBreak(link: Link, context: BreakContext, sink: BreakExplanation[] | undefined): boolean {
  const { above, below } = link;
  const { mode, options, typicalGap, headings } = context;
  const gapRatio = gapRatioOf(link);
  const heightRatio = below.height / above.height;
  const charWidth = Math.min(above.charWidth, below.charWidth);
  const indentChars = (below.x0 - above.x0) / charWidth;
  const sentenceEnd = endsSentence(above.text);
  const fits = firstWordWouldHaveFit(above, below);
  const listMarker = startsWithListMarker(below.text);
  const heightMismatch = Math.abs(1 - Math.min(heightRatio, 1 / heightRatio)) > options.lineHeightTolerance;
  const wideGap = gapRatio > typicalGap + options.gapToleranceRatio;

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
  else if (sentenceEnd && indentChars > options.indentChars) reason = 'indentation';

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
  });
  return reason !== 'none';
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
