import { type Box, boxArea } from './Box.js';
import { boxIntersectionArea } from './boxIntersection.js';

/**
 * Intersection over union of two boxes, in [0, 1] and symmetric. Two empty (zero-area) boxes give 1 when they
 * are identical and 0 otherwise, so the result is always a number.
 *
 * @example
 * ```ts
 * boxIou({ left: 0, top: 0, width: 2, height: 1 }, { left: 1, top: 0, width: 2, height: 1 }); // 1/3
 * ```
 */
export function boxIou(a: Box, b: Box): number {
  // Identical boxes first: rounding in right − left could otherwise give 0.9999… (or 0 for empty boxes).
  if (a.left === b.left && a.top === b.top && a.width === b.width && a.height === b.height) return 1;
  const intersection = boxIntersectionArea(a, b);
  const union = boxArea(a) + boxArea(b) - intersection;
  if (union <= 0) return 0;
  return Math.min(1, Math.max(0, intersection / union));
}
