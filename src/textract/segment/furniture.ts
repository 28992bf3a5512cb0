import type { Unit } from './joinBaselineFragments.js';
import type { SegmenterOptions } from './options.js';
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

/** Keeps the band candidates that stand apart from the body, peeling off the row nearest the body until they do. */
function separated(candidates: Unit[], units: readonly Unit[], bodyHeight: number, side: 'top' | 'bottom'): Unit[] {
  // Extents measured from the page edge inwards: for the bottom band, y is flipped.
  const inward = side === 'top' ? (u: Unit) => [u.y0, u.y1] as const : (u: Unit) => [-u.y1, -u.y0] as const;
  let kept = [...candidates];
  while (kept.length > 0) {
    const set = new Set(kept);
    let bandStart = Number.POSITIVE_INFINITY;
    let bandEnd = Number.NEGATIVE_INFINITY;
    let innermostStart = Number.NEGATIVE_INFINITY;
    for (const u of kept) {
      const [start, end] = inward(u);
      bandStart = Math.min(bandStart, start);
      bandEnd = Math.max(bandEnd, end);
      innermostStart = Math.max(innermostStart, start);
    }
    let bodyStart = Number.POSITIVE_INFINITY;
    for (const u of units) {
      const [start] = inward(u);
      if (!set.has(u) && start >= bandStart) bodyStart = Math.min(bodyStart, start);
    }
    if (bodyStart - bandEnd >= 0.5 * bodyHeight) return kept;
    kept = kept.filter((u) => inward(u)[0] < innermostStart - 0.25 * u.height);
  }
  return kept;
}
