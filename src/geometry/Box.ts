import type { Point } from './Point.js';

/**
 * An axis-aligned box: `left`/`top` is the corner nearest the origin, `width`/`height` are ≥ 0. The unit is the
 * caller's (normalised 0–1 page units as in Textract's `BoundingBox`, or points); functions never mix units.
 */
export interface Box {
  /** The smaller x coordinate. */
  readonly left: number;
  /** The smaller y coordinate. */
  readonly top: number;
  /** Extent along x, ≥ 0. */
  readonly width: number;
  /** Extent along y, ≥ 0. */
  readonly height: number;
}

/**
 * The right edge (`left + width`).
 *
 * @example
 * ```ts
 * boxRight({ left: 1, top: 0, width: 2, height: 1 }); // 3
 * ```
 */
export function boxRight(box: Box): number {
  return box.left + box.width;
}

/**
 * The bottom edge (`top + height`; `y` grows downwards).
 *
 * @example
 * ```ts
 * boxBottom({ left: 0, top: 1, width: 1, height: 2 }); // 3
 * ```
 */
export function boxBottom(box: Box): number {
  return box.top + box.height;
}

/**
 * The centre point.
 *
 * @example
 * ```ts
 * boxCenter({ left: 0, top: 0, width: 2, height: 4 }); // { x: 1, y: 2 }
 * ```
 */
export function boxCenter(box: Box): Point {
  return { x: box.left + box.width / 2, y: box.top + box.height / 2 };
}

/**
 * The area (`width × height`).
 *
 * @example
 * ```ts
 * boxArea({ left: 0, top: 0, width: 2, height: 3 }); // 6
 * ```
 */
export function boxArea(box: Box): number {
  return box.width * box.height;
}

/**
 * Builds a box from its edges; swapped edges are put in order, so the result always has `width, height ≥ 0`.
 *
 * @example
 * ```ts
 * boxFromEdges(1, 1, 3, 4); // { left: 1, top: 1, width: 2, height: 3 }
 * ```
 */
export function boxFromEdges(left: number, top: number, right: number, bottom: number): Box {
  const x0 = Math.min(left, right);
  const y0 = Math.min(top, bottom);
  return { left: x0, top: y0, width: Math.max(left, right) - x0, height: Math.max(top, bottom) - y0 };
}

/**
 * Scales a box per axis, e.g. from normalised units to points: `scaleBox(box, widthPt, heightPt)`.
 *
 * @example
 * ```ts
 * scaleBox({ left: 0.5, top: 0.5, width: 0.25, height: 0.1 }, 600, 800); // { left: 300, top: 400, width: 150, height: 80 }
 * ```
 */
export function scaleBox(box: Box, scaleX: number, scaleY: number): Box {
  return { left: box.left * scaleX, top: box.top * scaleY, width: box.width * scaleX, height: box.height * scaleY };
}

/**
 * True when `point` lies inside `box` or on its edge.
 *
 * @example
 * ```ts
 * boxContainsPoint({ left: 0, top: 0, width: 1, height: 1 }, { x: 1, y: 0.5 }); // true
 * ```
 */
export function boxContainsPoint(box: Box, point: Point): boolean {
  return point.x >= box.left && point.x <= boxRight(box) && point.y >= box.top && point.y <= boxBottom(box);
}

/**
 * True when `inner` lies entirely inside `outer` (edges may touch), allowing `epsilon` of slack on every side.
 *
 * @example
 * ```ts
 * boxContainsBox({ left: 0, top: 0, width: 2, height: 2 }, { left: 1, top: 1, width: 1, height: 1 }); // true
 * ```
 */
export function boxContainsBox(outer: Box, inner: Box, epsilon = 0): boolean {
  return (
    inner.left >= outer.left - epsilon &&
    inner.top >= outer.top - epsilon &&
    boxRight(inner) <= boxRight(outer) + epsilon &&
    boxBottom(inner) <= boxBottom(outer) + epsilon
  );
}
