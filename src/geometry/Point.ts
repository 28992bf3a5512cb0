/**
 * A point in any two-dimensional frame: normalised page units (0–1), PDF points, pixels …
 * `y` grows downwards, as in Textract and image coordinates.
 */
export interface Point {
  /** Horizontal coordinate. */
  readonly x: number;
  /** Vertical coordinate (the unit and direction are the caller's, e.g. y down for page coordinates). */
  readonly y: number;
}

/**
 * Euclidean distance between two points, in the points' own unit.
 *
 * @example
 * ```ts
 * pointDistance({ x: 0, y: 0 }, { x: 3, y: 4 }); // 5
 * ```
 */
export function pointDistance(a: Point, b: Point): number {
  return Math.hypot(b.x - a.x, b.y - a.y);
}

/**
 * True when both coordinates differ by at most `epsilon`.
 *
 * @example
 * ```ts
 * pointsAlmostEqual({ x: 1, y: 1 }, { x: 1 + 1e-12, y: 1 }); // true
 * ```
 */
export function pointsAlmostEqual(a: Point, b: Point, epsilon = 1e-9): boolean {
  return Math.abs(a.x - b.x) <= epsilon && Math.abs(a.y - b.y) <= epsilon;
}

/**
 * Scales a point per axis, e.g. from normalised page units to points (`scalePoint(p, widthPt, heightPt)`).
 *
 * @example
 * ```ts
 * scalePoint({ x: 0.5, y: 0.25 }, 612, 792); // { x: 306, y: 198 }
 * ```
 */
export function scalePoint(point: Point, scaleX: number, scaleY: number): Point {
  return { x: point.x * scaleX, y: point.y * scaleY };
}
