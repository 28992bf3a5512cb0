import { type Box, boxBottom, boxRight } from './Box.js';
import { type Interval, intervalGap, intervalOverlap, type OverlapBasis, overlapRatio } from './Interval.js';

/**
 * A box's extent on the x axis.
 *
 * @example
 * ```ts
 * horizontalInterval({ left: 1, top: 0, width: 2, height: 1 }); // { start: 1, end: 3 }
 * ```
 */
export function horizontalInterval(box: Box): Interval {
  return { start: box.left, end: boxRight(box) };
}

/**
 * A box's extent on the y axis.
 *
 * @example
 * ```ts
 * verticalInterval({ left: 0, top: 1, width: 1, height: 2 }); // { start: 1, end: 3 }
 * ```
 */
export function verticalInterval(box: Box): Interval {
  return { start: box.top, end: boxBottom(box) };
}

/**
 * Length of the horizontal (x) overlap of two boxes — how much they share when projected onto the x axis,
 * e.g. to test whether two lines sit in the same column.
 *
 * @example
 * ```ts
 * horizontalOverlap({ left: 0, top: 0, width: 4, height: 1 }, { left: 3, top: 5, width: 4, height: 1 }); // 1
 * ```
 */
export function horizontalOverlap(a: Box, b: Box): number {
  return intervalOverlap(horizontalInterval(a), horizontalInterval(b));
}

/**
 * Length of the vertical (y) overlap of two boxes, e.g. to test whether two words sit on the same text line.
 *
 * @example
 * ```ts
 * verticalOverlap({ left: 0, top: 0, width: 1, height: 4 }, { left: 5, top: 3, width: 1, height: 4 }); // 1
 * ```
 */
export function verticalOverlap(a: Box, b: Box): number {
  return intervalOverlap(verticalInterval(a), verticalInterval(b));
}

/**
 * Horizontal overlap as a fraction in [0, 1] (see {@link overlapRatio} for the bases).
 *
 * @example
 * ```ts
 * horizontalOverlapRatio(lineA.bbox, lineB.bbox) >= 0.8; // same column
 * ```
 */
export function horizontalOverlapRatio(a: Box, b: Box, basis: OverlapBasis = 'min'): number {
  return overlapRatio(horizontalInterval(a), horizontalInterval(b), basis);
}

/**
 * Vertical overlap as a fraction in [0, 1] (see {@link overlapRatio} for the bases).
 *
 * @example
 * ```ts
 * verticalOverlapRatio(wordA.bbox, wordB.bbox) >= 0.5; // same baseline band
 * ```
 */
export function verticalOverlapRatio(a: Box, b: Box, basis: OverlapBasis = 'min'): number {
  return overlapRatio(verticalInterval(a), verticalInterval(b), basis);
}

/**
 * Signed horizontal gap between two boxes: positive empty space between them, negative when they overlap.
 *
 * @example
 * ```ts
 * horizontalGap({ left: 0, top: 0, width: 1, height: 1 }, { left: 3, top: 0, width: 1, height: 1 }); // 2
 * ```
 */
export function horizontalGap(a: Box, b: Box): number {
  return intervalGap(horizontalInterval(a), horizontalInterval(b));
}

/**
 * Signed vertical gap between two boxes: positive empty space between them, negative when they overlap.
 *
 * @example
 * ```ts
 * verticalGap({ left: 0, top: 0, width: 1, height: 1 }, { left: 0, top: 1.5, width: 1, height: 1 }); // 0.5
 * ```
 */
export function verticalGap(a: Box, b: Box): number {
  return intervalGap(verticalInterval(a), verticalInterval(b));
}
