import type { Box } from './Box.js';
import { cosSinDeg } from './normalizeAngleDeg.js';
import type { Point } from './Point.js';
import { boxToPolygon, type Polygon, polygonBounds } from './Polygon.js';

/**
 * A coordinate frame in which text at `textAngleDeg` on a page runs left to right, top to bottom. The page
 * (of `pageWidth × pageHeight`, any unit — use points so angles are true) is rotated by `−textAngleDeg` and
 * shifted so the rotated page's bounding box starts at (0, 0) and measures `width × height`. For a 90° page
 * of 612 × 792 pt the upright frame is 792 × 612. Plain data; use {@link toUprightPoint} and friends.
 */
export interface UprightFrame {
  /** The text angle the frame undoes (see `polygonTextAngleDeg`). */
  readonly textAngleDeg: number;
  /** Width of the page the frame was made for. */
  readonly pageWidth: number;
  /** Height of the page the frame was made for. */
  readonly pageHeight: number;
  /** Width of the rotated page's bounding box. */
  readonly width: number;
  /** Height of the rotated page's bounding box. */
  readonly height: number;
  /** cos(−textAngleDeg). */
  readonly cos: number;
  /** sin(−textAngleDeg). */
  readonly sin: number;
  /** Subtracted from x after rotating, so the frame starts at x = 0. */
  readonly offsetX: number;
  /** Subtracted from y after rotating, so the frame starts at y = 0. */
  readonly offsetY: number;
}

/**
 * Builds the frame that undoes a page's text angle (rotation plus skew).
 *
 * @example
 * ```ts
 * const frame = createUprightFrame(612, 792, page.orientation.angleDeg);
 * const upright = page.lines.map((line) => toUprightBox(frame, line.geometry.bboxPt!));
 * ```
 */
export function createUprightFrame(pageWidth: number, pageHeight: number, textAngleDeg: number): UprightFrame {
  const { cos, sin } = cosSinDeg(-textAngleDeg);
  const xs = [0, pageWidth * cos, -pageHeight * sin, pageWidth * cos - pageHeight * sin];
  const ys = [0, pageWidth * sin, pageHeight * cos, pageWidth * sin + pageHeight * cos];
  const offsetX = Math.min(...xs);
  const offsetY = Math.min(...ys);
  return {
    textAngleDeg,
    pageWidth,
    pageHeight,
    width: Math.max(...xs) - offsetX,
    height: Math.max(...ys) - offsetY,
    cos,
    sin,
    offsetX,
    offsetY,
  };
}

/**
 * Maps a page point into the upright frame.
 *
 * @example
 * ```ts
 * toUprightPoint(createUprightFrame(100, 200, 90), { x: 100, y: 0 }); // { x: 0, y: 0 }: the page's top-right corner
 * ```
 */
export function toUprightPoint(frame: UprightFrame, point: Point): Point {
  return {
    x: point.x * frame.cos - point.y * frame.sin - frame.offsetX,
    y: point.x * frame.sin + point.y * frame.cos - frame.offsetY,
  };
}

/**
 * Maps a point of the upright frame back onto the page (inverse of {@link toUprightPoint}).
 *
 * @example
 * ```ts
 * fromUprightPoint(frame, toUprightPoint(frame, p)); // ≈ p
 * ```
 */
export function fromUprightPoint(frame: UprightFrame, point: Point): Point {
  const x = point.x + frame.offsetX;
  const y = point.y + frame.offsetY;
  return { x: x * frame.cos + y * frame.sin, y: -x * frame.sin + y * frame.cos };
}

/**
 * Maps every vertex of a polygon into the upright frame.
 *
 * @example
 * ```ts
 * toUprightPolygon(frame, line.geometry.polygonPt!);
 * ```
 */
export function toUprightPolygon(frame: UprightFrame, polygon: Polygon): Polygon {
  return polygon.map((point) => toUprightPoint(frame, point));
}

/**
 * Maps a box into the upright frame and returns its axis-aligned bounds there. For deskewing, prefer mapping
 * the text's polygon with {@link toUprightPolygon} and taking its bounds: that stays tight.
 *
 * @example
 * ```ts
 * toUprightBox(createUprightFrame(100, 200, 90), { left: 90, top: 0, width: 10, height: 50 });
 * // { left: 0, top: 0, width: 50, height: 10 }
 * ```
 */
export function toUprightBox(frame: UprightFrame, box: Box): Box {
  return polygonBounds(toUprightPolygon(frame, boxToPolygon(box))) as Box;
}
