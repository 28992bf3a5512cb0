import type { Unit } from './joinBaselineFragments.js';
import type { SegmenterOptions } from './options.js';
import { lowerBound, segmentWork } from './segmentWork.js';
import { isPageNumberText, repeatKey } from './text-cues.js';
import type { PageFrame } from './toReadingFrame.js';

/** Page furniture roles. */
export type FurnitureRole = 'pageHeader' | 'pageFooter' | 'pageNumber';

/** Units and the frame of one page, as furniture detection needs them. */
export interface FurniturePage {
  frame: PageFrame;
  units: readonly Unit[];
}

const REPEAT_SEARCH_BAND = 0.2;
/** Lines starting in the top 4% of the page sit in the margin: running headers or logos, whatever their size. */
const TOP_MARGIN = 0.04;

function relY(frame: PageFrame, y: number): number {
  return (y - frame.y0) / Math.max(frame.y1 - frame.y0, 1e-9);
}

function relX(frame: PageFrame, x: number): number {
  return (x - frame.x0) / Math.max(frame.x1 - frame.x0, 1e-9);
}

/**
 * Finds units whose text (digits ignored) recurs at the same place near the top or bottom of at least
 * `repeatMinShare` of the pages (and at least two). Buckets by position keep this linear in the pages.
 *
 * @example
 * ```ts
 * const repeated = findRepeatedFurniture(pages, options);
 * ```
 */
export function findRepeatedFurniture(
  pages: readonly FurniturePage[],
  options: Pick<SegmenterOptions, 'repeatTolerance' | 'repeatMinShare'>,
): Set<Unit> {
  const repeated = new Set<Unit>();
  if (pages.length < 2) return repeated;
  const needed = Math.max(2, Math.ceil(options.repeatMinShare * pages.length));
  const tolerance = options.repeatTolerance;
  const buckets = new Map<string, Set<number>>();
  const entries: { unit: Unit; key: string; by: number; bx: number }[] = [];
  pages.forEach((page, pageIndex) => {
    for (const unit of page.units) {
      const cy = relY(page.frame, (unit.y0 + unit.y1) / 2);
      if (cy > REPEAT_SEARCH_BAND && cy < 1 - REPEAT_SEARCH_BAND) continue;
      const key = repeatKey(unit.text);
      if (key === '') continue;
      const by = Math.round(cy / tolerance);
      const bx = Math.round(relX(page.frame, (unit.x0 + unit.x1) / 2) / (2 * tolerance));
      entries.push({ unit, key, by, bx });
      const bucket = `${key}\u0000${by}\u0000${bx}`;
      const set = buckets.get(bucket) ?? new Set<number>();
      set.add(pageIndex);
      buckets.set(bucket, set);
    }
  });
  for (const { unit, key, by, bx } of entries) {
    const seen = new Set<number>();
    for (let dy = -1; dy <= 1; dy++) {
      for (let dx = -1; dx <= 1; dx++) {
        for (const p of buckets.get(`${key}\u0000${by + dy}\u0000${bx + dx}`) ?? []) seen.add(p);
      }
    }
    if (seen.size >= needed) repeated.add(unit);
  }
  return repeated;
}

/**
 * Marks page headers, footers and page numbers: units in the top or bottom band, separated from the body by
 * at least half a body line, at body size or smaller (a big line near the top is a title), plus repeated units.
 *
 * @example
 * ```ts
 * const roles = markFurniture(page, bodyHeight, repeated, options);
 * ```
 */
export function markFurniture(
  page: FurniturePage,
  bodyHeight: number,
  repeated: ReadonlySet<Unit>,
  options: Pick<SegmenterOptions, 'furnitureBand'>,
): Map<Unit, FurnitureRole> {
  const { frame, units } = page;
  const band = options.furnitureBand;
  const roles = new Map<Unit, FurnitureRole>();
  const cy = (u: Unit): number => relY(frame, (u.y0 + u.y1) / 2);

  const top = units.filter((u) => cy(u) <= band && (relY(frame, u.y0) < TOP_MARGIN || u.height <= 1.15 * bodyHeight));
  for (const unit of separated(top, units, bodyHeight, 'top')) roles.set(unit, 'pageHeader');
  const bottom = units.filter((u) => cy(u) >= 1 - band && u.height <= 1.5 * bodyHeight);
  for (const unit of separated(bottom, units, bodyHeight, 'bottom')) roles.set(unit, 'pageFooter');
  const own = new Set(units);
  for (const unit of repeated) {
    // A big repeated line (a document title on every page) is content, not furniture.
    if (!own.has(unit) || roles.has(unit) || unit.height > 1.5 * bodyHeight) continue;
    roles.set(unit, cy(unit) < 0.5 ? 'pageHeader' : 'pageFooter');
  }
  for (const unit of units) {
    const inBand = cy(unit) <= band || cy(unit) >= 1 - band;
    if ((inBand || roles.has(unit)) && isPageNumberText(unit.text)) roles.set(unit, 'pageNumber');
  }
  return roles;
}

/**
 * Keeps the band candidates that stand apart from the body, peeling off the row nearest the body until they do.
 * Each peel keeps exactly the candidates whose start plus a quarter of their height lies before the innermost
 * start of the previous round, so the kept set is always a prefix of the candidates sorted by that key: one
 * sort, prefix extremes, and a heap for the nearest body start make it O(n log n) however many rows peel off.
 */
function separated(candidates: Unit[], units: readonly Unit[], bodyHeight: number, side: 'top' | 'bottom'): Unit[] {
  if (candidates.length === 0) return [];
  // Extents measured from the page edge inwards: for the bottom band, y is flipped.
  const startOf = side === 'top' ? (u: Unit) => u.y0 : (u: Unit) => -u.y1;
  const endOf = side === 'top' ? (u: Unit) => u.y1 : (u: Unit) => -u.y0;
  const candidateSet = new Set(candidates);
  const byKey = [...candidates].sort((a, b) => startOf(a) + 0.25 * a.height - (startOf(b) + 0.25 * b.height));
  const n = byKey.length;
  const keyAt = (k: number) => startOf(byKey[k]!) + 0.25 * byKey[k]!.height;
  const minStart = new Float64Array(n);
  const maxStart = new Float64Array(n);
  const maxEnd = new Float64Array(n);
  byKey.forEach((u, k) => {
    minStart[k] = Math.min(startOf(u), k > 0 ? minStart[k - 1]! : Number.POSITIVE_INFINITY);
    maxStart[k] = Math.max(startOf(u), k > 0 ? maxStart[k - 1]! : Number.NEGATIVE_INFINITY);
    maxEnd[k] = Math.max(endOf(u), k > 0 ? maxEnd[k - 1]! : Number.NEGATIVE_INFINITY);
  });
  const others = units
    .filter((u) => !candidateSet.has(u))
    .map(startOf)
    .sort((a, b) => a - b);
  const peeled = new MinHeap();
  let kept = n;
  for (;;) {
    segmentWork.steps++;
    const bandStart = minStart[kept - 1]!;
    // The body starts at the nearest unit outside the band: a non-candidate, or a candidate peeled off earlier.
    while (peeled.size > 0 && peeled.peek() < bandStart) peeled.pop();
    const other = lowerBound(others.length, (k) => others[k]!, bandStart);
    const bodyStart = Math.min(
      other < others.length ? others[other]! : Number.POSITIVE_INFINITY,
      peeled.size > 0 ? peeled.peek() : Number.POSITIVE_INFINITY,
    );
    if (bodyStart - maxEnd[kept - 1]! >= 0.5 * bodyHeight) break;
    const next = lowerBound(kept, keyAt, maxStart[kept - 1]!);
    for (let k = next; k < kept; k++) peeled.push(startOf(byKey[k]!));
    kept = next;
    if (kept === 0) return [];
  }
  const keep = new Set(byKey.slice(0, kept));
  return candidates.filter((u) => keep.has(u));
}

/** A binary min-heap of numbers. */
class MinHeap {
  readonly #items: number[] = [];

  get size(): number {
    return this.#items.length;
  }

  peek(): number {
    return this.#items[0]!;
  }

  push(value: number): void {
    const items = this.#items;
    items.push(value);
    let i = items.length - 1;
    while (i > 0) {
      const up = (i - 1) >> 1;
      if (items[up]! <= value) break;
      items[i] = items[up]!;
      i = up;
    }
    items[i] = value;
  }

  pop(): void {
    const items = this.#items;
    const last = items.pop()!;
    if (items.length === 0) return;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= items.length) break;
      const child = l + 1 < items.length && items[l + 1]! < items[l]! ? l + 1 : l;
      if (items[child]! >= last) break;
      items[i] = items[child]!;
      i = child;
    }
    items[i] = last;
  }
}
