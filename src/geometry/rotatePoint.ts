import type { Box } from './Box.js';
import { cosSinDeg } from './normalizeAngleDeg.js';
import type { Point } from './Point.js';
import { boxToPolygon, type Polygon, polygonBounds } from './Polygon.js';

const ORIGIN: Point = { x: 0, y: 0 };

/**
 * Rotates a point by `angleDeg` about `origin` (default (0, 0)). In the `y`-down frame used throughout, a
 * positive angle turns clockwise on screen, matching {@link polygonTextAngleDeg}: rotating by minus a text's
 * angle makes that text run left to right. Right angles are exact.
 *
 * @example
 * ```ts
 * rotatePoint({ x: 1, y: 0 }, 90); // { x: 0, y: 1 }
 * ```
 */
export function rotatePoint(point: Point, angleDeg: number, origin: Point = ORIGIN): Point {
  const { cos, sin } = cosSinDeg(angleDeg);
  const dx = point.x - origin.x;
  const dy = point.y - origin.y;
  return { x: origin.x + dx * cos - dy * sin, y: origin.y + dx * sin + dy * cos };
}

/**
 * Rotates every vertex of a polygon (see {@link rotatePoint}).
 *
 * @example
 * ```ts
 * rotatePolygon(line.polygonPt, -line.orientation.angleDeg, pageCenter); // the line, upright
 * ```
 */
export function rotatePolygon(polygon: Polygon, angleDeg: number, origin: Point = ORIGIN): Polygon {
  const { cos, sin } = cosSinDeg(angleDeg);
  return polygon.map((point) => {
    const dx = point.x - origin.x;
    const dy = point.y - origin.y;
    return { x: origin.x + dx * cos - dy * sin, y: origin.y + dx * sin + dy * cos };
  });
}

/**
 * Rotates a box and returns the axis-aligned bounds of the result (exact for right angles, larger than the
 * box otherwise).
 *
 * @example
 * ```ts
 * rotateBox({ left: 0, top: 0, width: 2, height: 1 }, 90); // { left: -1, top: 0, width: 1, height: 2 }
 * ```
 */
export function rotateBox(box: Box, angleDeg: number, origin: Point = ORIGIN): Box {
  return polygonBounds(rotatePolygon(boxToPolygon(box), angleDeg, origin)) as Box;
}
