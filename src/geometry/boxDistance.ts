import { type Box, boxBottom, boxRight } from './Box.js';

/**
 * The shortest distance between two boxes: 0 when they overlap or touch, otherwise the Euclidean length of
 * the gap (horizontal, vertical or diagonal). E.g. to attach a stray line to the nearest block.
 *
 * @example
 * ```ts
 * boxDistance({ left: 0, top: 0, width: 1, height: 1 }, { left: 4, top: 5, width: 1, height: 1 }); // 5 (3-4-5)
 * ```
 */
export function boxDistance(a: Box, b: Box): number {
  const dx = Math.max(0, Math.max(a.left, b.left) - Math.min(boxRight(a), boxRight(b)));
  const dy = Math.max(0, Math.max(a.top, b.top) - Math.min(boxBottom(a), boxBottom(b)));
  return Math.hypot(dx, dy);
}
