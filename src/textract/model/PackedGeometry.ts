import { type Box, scaleBox } from '../../geometry/Box.js';
import { boxToPolygon, type Polygon, scalePolygon } from '../../geometry/Polygon.js';
import type { TextractGeometry } from './TextractGeometry.js';
import type { PageSize } from './TextractPage.js';

/** Doubles per arena chunk (64 KiB): small enough that a few kept blocks do not pin much, large enough to amortise. */
const CHUNK_DOUBLES = 8192;

let chunk = new Float64Array(CHUNK_DOUBLES);
let used = 0;

/**
 * Reserves `count` doubles in the shared arena and returns the offset to write them at in `chunk` (read `chunk`
 * after the call: it may be a new one). Geometry of a whole document lives in a few large typed arrays instead of
 * one object per box, point and polygon.
 */
function reserve(count: number): number {
  if (used + count > chunk.length) {
    chunk = new Float64Array(Math.max(CHUNK_DOUBLES, count));
    used = 0;
  }
  const at = used;
  used += count;
  return at;
}

/** Reserves room for a box and `points` vertices, writes the box and returns the offset (read `chunk` after). */
function reserveWithBox(box: Box, points: number): number {
  const at = reserve(4 + 2 * points);
  chunk[at] = box.left;
  chunk[at + 1] = box.top;
  chunk[at + 2] = box.width;
  chunk[at + 3] = box.height;
  return at;
}

/**
 * Where a {@link PackedGeometry}'s numbers live: `data[at..at+3]` is the box (left, top, width, height), then
 * `points` polygon vertices as x, y pairs (`points` is 0 when the polygon is the box's corners). Internal: lets hot
 * loops read the numbers without the objects `bbox` and `polygon` build on each read.
 *
 * @example
 * ```ts
 * const view: PackedView = { data: new Float64Array(0), at: 0, points: 0 };
 * if (PackedGeometry.view(line.geometry, view)) console.log(view.data[view.at]); // the box's left edge
 * ```
 */
export interface PackedView {
  /** The shared chunk holding the numbers. */
  data: Float64Array;
  /** Index of the box's left edge in `data`. */
  at: number;
  /** Polygon vertices stored after the box; 0 when the polygon is the box's corners. */
  points: number;
}

/**
 * A {@link TextractGeometry} kept as numbers in a shared typed array: the box, then the polygon's points (when
 * the response had a polygon). `bbox`, `polygon`, `bboxPt` and `polygonPt` are built on each read, so the loaded
 * model holds one small object per geometry instead of about ten.
 *
 * @example
 * ```ts
 * const geometry = PackedGeometry.of({ left: 0.1, top: 0.2, width: 0.3, height: 0.02 }, undefined, undefined);
 * geometry.polygon; // the box's four corners
 * ```
 */
export class PackedGeometry implements TextractGeometry {
  readonly #data: Float64Array;
  readonly #at: number;
  /** Number of polygon points stored; 0 when the polygon is the box's corners. */
  readonly #points: number;
  readonly #size: PageSize | undefined;
  /** Textract's `Geometry.RotationAngle` (degrees), when the response had it. */
  declare readonly rotationAngleDeg?: number;

  private constructor(data: Float64Array, at: number, points: number, size: PageSize | undefined, angle?: number) {
    this.#data = data;
    this.#at = at;
    this.#points = points;
    this.#size = size;
    if (angle !== undefined) (this as { rotationAngleDeg?: number }).rotationAngleDeg = angle;
  }

  /**
   * Packs a box, an optional polygon (at least three points) and an optional rotation angle.
   *
   * @example
   * ```ts
   * const geometry = PackedGeometry.of(box, [{ x: 0, y: 0 }, { x: 1, y: 0 }, { x: 1, y: 1 }], pageSize, 90);
   * ```
   */
  static of(box: Box, polygon: Polygon | undefined, size: PageSize | undefined, angle?: number): PackedGeometry {
    const points = polygon?.length ?? 0;
    const at = reserveWithBox(box, points);
    const data = chunk;
    for (let i = 0; i < points; i++) {
      data[at + 4 + 2 * i] = polygon![i]!.x;
      data[at + 5 + 2 * i] = polygon![i]!.y;
    }
    return new PackedGeometry(data, at, points, size, angle);
  }

  /**
   * Fills `into` with where `geometry`'s numbers live, when it is packed; false (and `into` untouched) otherwise.
   *
   * @example
   * ```ts
   * const view: PackedView = { data: new Float64Array(0), at: 0, points: 0 };
   * PackedGeometry.view(word.geometry, view); // true for geometry read from a response
   * ```
   */
  static view(geometry: unknown, into: PackedView): boolean {
    if (!(geometry instanceof PackedGeometry)) return false;
    into.data = geometry.#data;
    into.at = geometry.#at;
    into.points = geometry.#points;
    return true;
  }

  /**
   * Packs a box and an optional polygon as a response gives it (`X`, `Y`; at least three points, already
   * checked), without building point objects first.
   *
   * @example
   * ```ts
   * const geometry = PackedGeometry.ofRaw(box, block.Geometry.Polygon, pageSize, block.Geometry.RotationAngle);
   * ```
   */
  static ofRaw(
    box: Box,
    polygon: readonly { X: number; Y: number }[] | undefined,
    size: PageSize | undefined,
    angle?: number,
  ): PackedGeometry {
    const points = polygon?.length ?? 0;
    const at = reserveWithBox(box, points);
    const data = chunk;
    for (let i = 0; i < points; i++) {
      const point = polygon![i]!;
      data[at + 4 + 2 * i] = point.X;
      data[at + 5 + 2 * i] = point.Y;
    }
    return new PackedGeometry(data, at, points, size, angle);
  }

  /**
   * `polygonTextAngleDeg(this.polygon, aspect)` computed in place (same arithmetic, so the same result).
   *
   * @example
   * ```ts
   * geometry.textAngleDeg(612 / 792); // 0 for a level line
   * ```
   */
  textAngleDeg(aspect = 1): number | undefined {
    const d = this.#data;
    const at = this.#at;
    const n = this.#points === 0 ? 4 : this.#points;
    // Vertex k of the polygon (the box's corners, clockwise from top-left, when there is none).
    const right = d[at]! + d[at + 2]!;
    const bottom = d[at + 1]! + d[at + 3]!;
    const vx = (k: number): number => (this.#points === 0 ? (k === 0 || k === 3 ? d[at]! : right) : d[at + 4 + 2 * k]!);
    const vy = (k: number): number =>
      this.#points === 0 ? (k === 0 || k === 1 ? d[at + 1]! : bottom) : d[at + 5 + 2 * k]!;
    let dx = (vx(1) - vx(0)) * aspect;
    let dy = vy(1) - vy(0);
    if (n === 4) {
      dx += (vx(2) - vx(3)) * aspect;
      dy += vy(2) - vy(3);
    }
    if (dx === 0 && dy === 0) return undefined;
    if (dy === 0) return dx > 0 ? 0 : 180;
    if (dx === 0) return dy > 0 ? 90 : -90;
    return (Math.atan2(dy, dx) * 180) / Math.PI;
  }

  /** Axis-aligned bounding box, normalised. */
  get bbox(): Box {
    const d = this.#data;
    const i = this.#at;
    return { left: d[i]!, top: d[i + 1]!, width: d[i + 2]!, height: d[i + 3]! };
  }

  /** The polygon, normalised (the box's corners when the response had none). */
  get polygon(): Polygon {
    if (this.#points === 0) return boxToPolygon(this.bbox);
    const d = this.#data;
    const out = new Array<{ x: number; y: number }>(this.#points);
    for (let k = 0, i = this.#at + 4; k < this.#points; k++, i += 2) out[k] = { x: d[i]!, y: d[i + 1]! };
    return out;
  }

  /** `bbox` in points; present only when the page size is known. */
  get bboxPt(): Box | undefined {
    return this.#size ? scaleBox(this.bbox, this.#size.widthPt, this.#size.heightPt) : undefined;
  }

  /** `polygon` in points; present only when the page size is known. */
  get polygonPt(): Polygon | undefined {
    return this.#size ? scalePolygon(this.polygon, this.#size.widthPt, this.#size.heightPt) : undefined;
  }

  /** The plain-object form (`JSON.stringify` and spreading see only own fields, not the getters). */
  toJSON(): TextractGeometry {
    return {
      bbox: this.bbox,
      polygon: this.polygon,
      ...(this.#size ? { bboxPt: this.bboxPt!, polygonPt: this.polygonPt! } : {}),
      ...(this.rotationAngleDeg !== undefined ? { rotationAngleDeg: this.rotationAngleDeg } : {}),
    };
  }
}
