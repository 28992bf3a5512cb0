import type { Box } from './Box.js';
import { boxFromEdges } from './Box.js';
import type { Point } from './Point.js';

/**
 * A polygon as its vertices in order. For Textract geometry the order is: top-left, top-right, bottom-right,
 * bottom-left *of the text*, so `polygon[0] → polygon[1]` runs along the top edge in reading direction even
 * when the text is rotated.
 */
export type Polygon = readonly Point[];

/**
 * The axis-aligned bounding box of a polygon, or `undefined` when it has no vertices.
 *
 * @example
 * ```ts
 * polygonBounds([{ x: 1, y: 0 }, { x: 2, y: 1 }, { x: 1, y: 2 }, { x: 0, y: 1 }]); // { left: 0, top: 0, width: 2, height: 2 }
 * ```
 */
export function polygonBounds(polygon: Polygon): Box | undefined {
  if (polygon.length === 0) return undefined;
  let minX = Number.POSITIVE_INFINITY;
  let minY = Number.POSITIVE_INFINITY;
  let maxX = Number.NEGATIVE_INFINITY;
  let maxY = Number.NEGATIVE_INFINITY;
  for (const { x, y } of polygon) {
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
  }
  return boxFromEdges(minX, minY, maxX, maxY);
}

/**
 * The four corners of a box in Textract order (top-left, top-right, bottom-right, bottom-left).
 *
 * @example
 * ```ts
 * boxToPolygon({ left: 0, top: 0, width: 2, height: 1 });
 * // [{ x: 0, y: 0 }, { x: 2, y: 0 }, { x: 2, y: 1 }, { x: 0, y: 1 }]
 * ```
 */
export function boxToPolygon(box: Box): Polygon {
  const right = box.left + box.width;
  const bottom = box.top + box.height;
  return [
    { x: box.left, y: box.top },
    { x: right, y: box.top },
    { x: right, y: bottom },
    { x: box.left, y: bottom },
  ];
}

/**
 * The (unsigned) area of a simple polygon, by the shoelace formula.
 *
 * @example
 * ```ts
 * polygonArea(boxToPolygon({ left: 0, top: 0, width: 2, height: 3 })); // 6
 * ```
 */
export function polygonArea(polygon: Polygon): number {
  let twice = 0;
  for (let i = 0; i < polygon.length; i++) {
    const a = polygon[i] as Point;
    const b = polygon[(i + 1) % polygon.length] as Point;
    twice += a.x * b.y - b.x * a.y;
  }
  return Math.abs(twice) / 2;
}

/**
 * The mean of a polygon's vertices (for the quadrilaterals Textract returns, close to the centroid), or
 * `undefined` when it has no vertices.
 *
 * @example
 * ```ts
 * polygonCenter(boxToPolygon({ left: 0, top: 0, width: 2, height: 2 })); // { x: 1, y: 1 }
 * ```
 */
export function polygonCenter(polygon: Polygon): Point | undefined {
  if (polygon.length === 0) return undefined;
  let x = 0;
  let y = 0;
  for (const point of polygon) {
    x += point.x;
    y += point.y;
  }
  return { x: x / polygon.length, y: y / polygon.length };
}

/**
 * Scales every vertex per axis, e.g. from normalised units to points: `scalePolygon(polygon, widthPt, heightPt)`.
 *
 * @example
 * ```ts
 * scalePolygon([{ x: 0.5, y: 0.5 }], 600, 800); // [{ x: 300, y: 400 }]
 * ```
 */
export function scalePolygon(polygon: Polygon, scaleX: number, scaleY: number): Polygon {
  return polygon.map((point) => ({ x: point.x * scaleX, y: point.y * scaleY }));
}
