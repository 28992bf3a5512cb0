import type { Interval } from './Interval.js';

/** A group of intervals that overlap (or lie within `maxGap` of each other), chained transitively. */
export interface IntervalCluster {
  /** Indices into the input, ascending. */
  readonly members: readonly number[];
  /** Start of the cluster's span: the smallest start of its members. */
  readonly start: number;
  /** End of the cluster's span: the largest end of its members. */
  readonly end: number;
}

/** Options of {@link clusterIntervals}. */
export interface ClusterIntervalsOptions {
  /**
   * Intervals whose gap is at most this join the same cluster; 0 (the default) joins overlapping and touching
   * intervals, a negative value demands an overlap of at least `−maxGap`.
   */
  readonly maxGap?: number;
}

/**
 * 1-D interval clustering: the connected components of "overlaps or is within `maxGap`". Used to find rows
 * (vertical extents of lines), columns (horizontal extents) or bands. O(n log n); the clusters do not depend on
 * the input order. Clusters come sorted by `start`.
 *
 * @example
 * ```ts
 * clusterIntervals([{ start: 0, end: 2 }, { start: 5, end: 6 }, { start: 1, end: 3 }]);
 * // [{ members: [0, 2], start: 0, end: 3 }, { members: [1], start: 5, end: 6 }]
 * ```
 */
export function clusterIntervals(
  intervals: readonly Interval[],
  options: ClusterIntervalsOptions = {},
): IntervalCluster[] {
  const maxGap = options.maxGap ?? 0;
  const order = intervals.map((_, index) => index);
  order.sort((a, b) => {
    const ia = intervals[a] as Interval;
    const ib = intervals[b] as Interval;
    return ia.start - ib.start || ia.end - ib.end || a - b;
  });
  const clusters: IntervalCluster[] = [];
  let members: number[] = [];
  let start = 0;
  let end = 0;
  for (const index of order) {
    const interval = intervals[index] as Interval;
    if (members.length > 0 && interval.start - end <= maxGap) {
      members.push(index);
      if (interval.end > end) end = interval.end;
      continue;
    }
    if (members.length > 0) clusters.push({ members: members.sort((a, b) => a - b), start, end });
    members = [index];
    start = interval.start;
    end = interval.end;
  }
  if (members.length > 0) clusters.push({ members: members.sort((a, b) => a - b), start, end });
  return clusters;
}
