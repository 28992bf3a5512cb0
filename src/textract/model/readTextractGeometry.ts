/**
 * Internal: validates Textract `Geometry` and converts it to the model's {@link TextractGeometry}.
 *
 * @module
 */
import type { Box } from '../../geometry/Box.js';
import { scaleBox } from '../../geometry/Box.js';
import { decomposeAngleDeg } from '../../geometry/decomposeAngleDeg.js';
import { normalizeAngleDeg } from '../../geometry/normalizeAngleDeg.js';
import { boxToPolygon, polygonBounds, scalePolygon } from '../../geometry/Polygon.js';
import { polygonTextAngleDeg } from '../../geometry/polygonTextAngleDeg.js';
import { PackedGeometry } from './PackedGeometry.js';
import type { GeometryLike } from './TextractBlockLike.js';
import type { TextAngleSource, TextOrientation, TextractGeometry } from './TextractGeometry.js';
import type { PageSize } from './TextractPage.js';

/** A geometry read from a block, or the field and rule that failed. */
export type GeometryReadResult =
  | { readonly ok: true; readonly geometry: TextractGeometry; readonly hasPolygon: boolean }
  | { readonly ok: false; readonly field: string; readonly problem: string };

const FULL_PAGE: Box = { left: 0, top: 0, width: 1, height: 1 };

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function describe(value: unknown): string {
  if (typeof value === 'number') return String(value);
  return value === null ? 'null' : typeof value;
}

/**
 * Reads `geometry` (normalised 0–1; coordinates may stray `margin` outside the page). Adds point-unit copies
 * when `size` is given.
 *
 * @example
 * ```ts
 * const read = readTextractGeometry(block.Geometry, { widthPt: 612, heightPt: 792 }, 0.1);
 * if (!read.ok) throw new ResponseShapeError('Textract', `Blocks[3].${read.field}`, read.problem);
 * ```
 */
export function readTextractGeometry(
  geometry: GeometryLike | undefined,
  size: PageSize | undefined,
  margin: number,
): GeometryReadResult {
  if (geometry === null || typeof geometry !== 'object') {
    return { ok: false, field: 'Geometry', problem: `is ${describe(geometry)}; expected an object` };
  }
  const low = -margin;
  const high = 1 + margin;
  let bbox: Box | undefined;
  const raw = geometry.BoundingBox;
  if (raw !== undefined && raw !== null) {
    const { Left: left, Top: top, Width: width, Height: height } = raw;
    if (!isFiniteNumber(left) || !isFiniteNumber(top) || !isFiniteNumber(width) || !isFiniteNumber(height)) {
      const key = !isFiniteNumber(left)
        ? 'Left'
        : !isFiniteNumber(top)
          ? 'Top'
          : !isFiniteNumber(width)
            ? 'Width'
            : 'Height';
      return {
        ok: false,
        field: `Geometry.BoundingBox.${key}`,
        problem: `is ${describe(raw[key])}; expected a finite number`,
      };
    }
    const box = { left, top, width, height };
    if (box.width < 0 || box.height < 0) {
      return { ok: false, field: 'Geometry.BoundingBox', problem: 'has a negative width or height' };
    }
    if (box.left < low || box.top < low || box.left + box.width > high || box.top + box.height > high) {
      return {
        ok: false,
        field: 'Geometry.BoundingBox',
        problem: `lies outside the page (normalised coordinates must be within ${low}..${high})`,
      };
    }
    bbox = box;
  }
  // Checked in place, then packed straight from the response: no point objects for the model to drop again.
  let points = 0;
  const rawPolygon = geometry.Polygon;
  if (Array.isArray(rawPolygon) && rawPolygon.length > 0) {
    for (let i = 0; i < rawPolygon.length; i++) {
      const point = rawPolygon[i];
      const x = point?.X;
      const y = point?.Y;
      if (!isFiniteNumber(x) || !isFiniteNumber(y)) {
        return { ok: false, field: `Geometry.Polygon[${i}]`, problem: 'is not a point with finite X and Y' };
      }
      if (x < low || x > high || y < low || y > high) {
        return {
          ok: false,
          field: `Geometry.Polygon[${i}]`,
          problem: `lies outside the page (normalised coordinates must be within ${low}..${high})`,
        };
      }
    }
    if (rawPolygon.length < 3 && bbox === undefined) {
      return {
        ok: false,
        field: 'Geometry.Polygon',
        problem: `has ${rawPolygon.length} point(s); expected at least 3`,
      };
    }
    if (rawPolygon.length >= 3) points = rawPolygon.length;
  }
  if (bbox === undefined && points === 0) {
    return { ok: false, field: 'Geometry', problem: 'has neither a BoundingBox nor a Polygon' };
  }
  const finalBox =
    bbox ?? (polygonBounds((rawPolygon as { X: number; Y: number }[]).map((p) => ({ x: p.X, y: p.Y }))) as Box);
  const angle = isFiniteNumber(geometry.RotationAngle) ? geometry.RotationAngle : undefined;
  const result = PackedGeometry.ofRaw(
    finalBox,
    points > 0 ? (rawPolygon as readonly { X: number; Y: number }[]) : undefined,
    size,
    angle,
  );
  return { ok: true, geometry: result, hasPolygon: points > 0 };
}

/**
 * The geometry of a PAGE block that has none: the whole page.
 *
 * @example
 * ```ts
 * fullPageGeometry({ widthPt: 612, heightPt: 792 }).bboxPt; // { left: 0, top: 0, width: 612, height: 792 }
 * ```
 */
export function fullPageGeometry(size: PageSize | undefined): TextractGeometry {
  const polygon = boxToPolygon(FULL_PAGE);
  return size
    ? {
        bbox: FULL_PAGE,
        polygon,
        bboxPt: scaleBox(FULL_PAGE, size.widthPt, size.heightPt),
        polygonPt: scalePolygon(polygon, size.widthPt, size.heightPt),
      }
    : { bbox: FULL_PAGE, polygon };
}

/**
 * Builds a {@link TextOrientation} from an angle and where it came from.
 *
 * @example
 * ```ts
 * orientationFromAngle(-80, 'polygonPt'); // { angleDeg: -80, orientationDeg: 270, skewDeg: 10, source: 'polygonPt' }
 * ```
 */
export function orientationFromAngle(angleDeg: number, source: TextAngleSource): TextOrientation {
  const { orientationDeg, skewDeg } = decomposeAngleDeg(angleDeg);
  return { angleDeg: normalizeAngleDeg(angleDeg), orientationDeg, skewDeg, source };
}

/**
 * A line's text direction: from the polygon in points when the page size is known, else Textract's
 * `RotationAngle`, else the polygon in normalised units.
 *
 * @example
 * ```ts
 * const read = readTextractGeometry(line.Geometry, size, 0.1);
 * if (read.ok) lineOrientation(read.geometry, read.hasPolygon, size).orientationDeg; // 0, 90, 180 or 270
 * ```
 */
export function lineOrientation(
  geometry: TextractGeometry,
  hasPolygon: boolean,
  size: PageSize | undefined,
): TextOrientation {
  if (hasPolygon && size) {
    const angle = textAngleDeg(geometry, size.widthPt / size.heightPt);
    if (angle !== undefined) return orientationFromAngle(angle, 'polygonPt');
  }
  if (geometry.rotationAngleDeg !== undefined) return orientationFromAngle(geometry.rotationAngleDeg, 'rotationAngle');
  if (hasPolygon) {
    const angle = textAngleDeg(geometry, 1);
    if (angle !== undefined) return orientationFromAngle(angle, 'polygonNormalized');
  }
  return orientationFromAngle(0, 'none');
}

/** `polygonTextAngleDeg(geometry.polygon, aspect)`, read in place when the geometry is packed. */
function textAngleDeg(geometry: TextractGeometry, aspect: number): number | undefined {
  return geometry instanceof PackedGeometry
    ? geometry.textAngleDeg(aspect)
    : polygonTextAngleDeg(geometry.polygon, aspect);
}
