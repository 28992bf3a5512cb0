import { type Box, boxBottom, boxFromEdges, boxRight } from './Box.js';

/**
 * The smallest box containing both boxes.
 *
 * @example
 * ```ts
 * boxUnion({ left: 0, top: 0, width: 1, height: 1 }, { left: 2, top: 2, width: 1, height: 1 });
 * // { left: 0, top: 0, width: 3, height: 3 }
 * ```
 */
export function boxUnion(a: Box, b: Box): Box {
  return boxFromEdges(
    Math.min(a.left, b.left),
    Math.min(a.top, b.top),
    Math.max(boxRight(a), boxRight(b)),
    Math.max(boxBottom(a), boxBottom(b)),
  );
}

/**
 * The smallest box containing every box, or `undefined` for an empty list.
 *
 * @example
 * ```ts
 * boxUnionAll(lines.map((line) => line.bbox)); // the block's bounding box
 * ```
 */
export function boxUnionAll(boxes: Iterable<Box>): Box | undefined {
  let left = Number.POSITIVE_INFINITY;
  let top = Number.POSITIVE_INFINITY;
  let right = Number.NEGATIVE_INFINITY;
  let bottom = Number.NEGATIVE_INFINITY;
  let any = false;
  for (const box of boxes) {
    any = true;
    left = Math.min(left, box.left);
    top = Math.min(top, box.top);
    right = Math.max(right, boxRight(box));
    bottom = Math.max(bottom, boxBottom(box));
  }
  return any ? boxFromEdges(left, top, right, bottom) : undefined;
}
