import { type Box, boxBottom, boxRight } from './Box.js';

/**
 * The overlapping part of two boxes, or `undefined` when they do not overlap. Boxes that only touch along an
 * edge give a box of zero width or height.
 *
 * @example
 * ```ts
 * boxIntersection({ left: 0, top: 0, width: 2, height: 2 }, { left: 1, top: 1, width: 2, height: 2 });
 * // { left: 1, top: 1, width: 1, height: 1 }
 * ```
 */
export function boxIntersection(a: Box, b: Box): Box | undefined {
  const left = Math.max(a.left, b.left);
  const top = Math.max(a.top, b.top);
  const right = Math.min(boxRight(a), boxRight(b));
  const bottom = Math.min(boxBottom(a), boxBottom(b));
  if (right < left || bottom < top) return undefined;
  return { left, top, width: right - left, height: bottom - top };
}

/**
 * The area of the overlap of two boxes (0 when they do not overlap).
 *
 * @example
 * ```ts
 * boxIntersectionArea({ left: 0, top: 0, width: 2, height: 2 }, { left: 1, top: 1, width: 2, height: 2 }); // 1
 * ```
 */
export function boxIntersectionArea(a: Box, b: Box): number {
  const width = Math.min(boxRight(a), boxRight(b)) - Math.max(a.left, b.left);
  const height = Math.min(boxBottom(a), boxBottom(b)) - Math.max(a.top, b.top);
  return width > 0 && height > 0 ? width * height : 0;
}
