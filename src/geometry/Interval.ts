/** A closed one-dimensional interval `[start, end]` with `start ≤ end`, e.g. a box's extent on one axis. */
export interface Interval {
  /** The lower bound. */
  readonly start: number;
  /** The upper bound, ≥ `start`. */
  readonly end: number;
}

/**
 * Length of the overlap of two intervals; 0 when they are disjoint or only touch.
 *
 * @example
 * ```ts
 * intervalOverlap({ start: 0, end: 4 }, { start: 3, end: 10 }); // 1
 * ```
 */
export function intervalOverlap(a: Interval, b: Interval): number {
  return Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));
}

/**
 * Signed gap between two intervals: positive when they are apart (the empty space between them), negative
 * when they overlap (minus the overlap length).
 *
 * @example
 * ```ts
 * intervalGap({ start: 0, end: 1 }, { start: 3, end: 4 }); // 2
 * intervalGap({ start: 0, end: 2 }, { start: 1, end: 4 }); // -1
 * ```
 */
export function intervalGap(a: Interval, b: Interval): number {
  return Math.max(a.start, b.start) - Math.min(a.end, b.end);
}

/** How {@link overlapRatio} normalises an overlap length. */
export type OverlapBasis = 'min' | 'max' | 'union' | 'first';

/**
 * Overlap of two intervals as a fraction in [0, 1] of: the shorter interval (`min`, the default), the longer
 * (`max`), their union span (`union`), or the first interval (`first`). Zero-length bases give 0 unless both
 * intervals are the same point (1).
 *
 * @example
 * ```ts
 * overlapRatio({ start: 0, end: 10 }, { start: 5, end: 6 });          // 1   (the short one is inside)
 * overlapRatio({ start: 0, end: 10 }, { start: 5, end: 6 }, 'union'); // 0.1
 * ```
 */
export function overlapRatio(a: Interval, b: Interval, basis: OverlapBasis = 'min'): number {
  const overlap = intervalOverlap(a, b);
  const lengthA = a.end - a.start;
  const lengthB = b.end - b.start;
  let denominator: number;
  switch (basis) {
    case 'min':
      denominator = Math.min(lengthA, lengthB);
      break;
    case 'max':
      denominator = Math.max(lengthA, lengthB);
      break;
    case 'union':
      denominator = Math.max(a.end, b.end) - Math.min(a.start, b.start);
      break;
    case 'first':
      denominator = lengthA;
      break;
  }
  if (denominator <= 0) return a.start === b.start && a.end === b.end ? 1 : 0;
  return Math.min(1, overlap / denominator);
}
