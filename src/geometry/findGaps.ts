import type { Interval } from './Interval.js';

/** Options of {@link findGaps}. */
export interface FindGapsOptions {
  /** Also report empty space between these bounds and the first/last interval (e.g. the page margins). */
  readonly within?: Interval;
  /** Only gaps at least this wide are returned; default 0 (any positive gap). */
  readonly minGap?: number;
}

/**
 * The stretches of an axis covered by none of the intervals, in axis order. Project boxes onto an axis and call this to find whitespace columns (x) or blank bands between
 * blocks (y). O(n log n).
 *
 * @example
 * ```ts
 * findGaps([{ start: 0, end: 2 }, { start: 5, end: 6 }, { start: 1, end: 3 }]); // [{ start: 3, end: 5 }]
 * findGaps([{ start: 2, end: 3 }], { within: { start: 0, end: 10 }, minGap: 3 }); // [{ start: 3, end: 10 }]
 * ```
 */
export function findGaps(intervals: readonly Interval[], options: FindGapsOptions = {}): Interval[] {
  const minGap = options.minGap ?? 0;
  const sorted = [...intervals].sort((a, b) => a.start - b.start || a.end - b.end);
  const gaps: Interval[] = [];
  const push = (start: number, end: number): void => {
    if (end > start && end - start >= minGap) gaps.push({ start, end });
  };
  let covered = options.within ? options.within.start : (sorted[0]?.start ?? 0);
  for (const interval of sorted) {
    if (interval.start > covered) push(covered, interval.start);
    if (interval.end > covered) covered = interval.end;
  }
  if (options.within) push(covered, options.within.end);
  return gaps;
}
