import type { Box } from './Box.js';
import { clusterIntervals } from './clusterIntervals.js';

/** Options of {@link sortReadingOrder}. */
export interface SortReadingOrderOptions {
  /**
   * Fraction (0–1] of each box's height, centred, that must overlap another box's band for the two to share a
   * row. Default {@link DEFAULT_ROW_BAND_FRACTION}. Smaller values make rows stricter.
   */
  readonly rowBandFraction?: number;
}

/** Default `rowBandFraction` of {@link sortReadingOrder}: the middle half of each box. */
export const DEFAULT_ROW_BAND_FRACTION = 0.5;

/**
 * A stable top-to-bottom, left-to-right order of boxes (in an upright frame): boxes whose central height bands
 * overlap form a row (transitively, so no non-transitive comparator is involved); rows go top to bottom,
 * boxes in a row left to right (ties: top, width, height, then input index — so
 * only identical boxes keep their input order). Returns a permutation of `0 … n−1`. O(n log n).
 *
 * @example
 * ```ts
 * const order = sortReadingOrder(words.map((word) => word.bbox));
 * const inOrder = order.map((index) => words[index]);
 * ```
 */
export function sortReadingOrder(boxes: readonly Box[], options: SortReadingOrderOptions = {}): number[] {
  const fraction = options.rowBandFraction ?? DEFAULT_ROW_BAND_FRACTION;
  const bands = boxes.map((box) => {
    const middle = box.top + box.height / 2;
    const half = (box.height * fraction) / 2;
    return { start: middle - half, end: middle + half };
  });
  const order: number[] = [];
  for (const row of clusterIntervals(bands)) {
    const members = [...row.members];
    members.sort((a, b) => {
      const boxA = boxes[a] as Box;
      const boxB = boxes[b] as Box;
      return (
        boxA.left - boxB.left || boxA.top - boxB.top || boxA.width - boxB.width || boxA.height - boxB.height || a - b
      );
    });
    order.push(...members);
  }
  return order;
}
