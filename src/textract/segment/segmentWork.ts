/**
 * Counts the steps of the page passes whose cost depends on how lines crowd together (pair scans, peeling
 * loops, cuts), so a test can check that the work grows like n log n without timing anything. One integer
 * increment per step; internal, not part of the package's API.
 *
 * @example
 * ```ts
 * segmentWork.steps = 0;
 * segmenter.segment(doc);
 * console.log(segmentWork.steps);
 * ```
 */
export const segmentWork = { steps: 0 };

/**
 * The first index in `0..length` whose key is at least `value` (keys ascending), or `length`.
 *
 * @example
 * ```ts
 * lowerBound(4, (i) => [1, 2, 2, 5][i]!, 2); // 1
 * ```
 */
export function lowerBound(length: number, keyAt: (index: number) => number, value: number): number {
  let lo = 0;
  let hi = length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (keyAt(mid) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The first index in `0..length` whose key is greater than `value` (keys ascending), or `length`.
 *
 * @example
 * ```ts
 * upperBound(4, (i) => [1, 2, 2, 5][i]!, 2); // 3
 * ```
 */
export function upperBound(length: number, keyAt: (index: number) => number, value: number): number {
  let lo = 0;
  let hi = length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (keyAt(mid) <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
