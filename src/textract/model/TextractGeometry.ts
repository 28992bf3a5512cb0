import type { Box } from '../../geometry/Box.js';
import type { RightAngleDeg } from '../../geometry/decomposeAngleDeg.js';
import type { Polygon } from '../../geometry/Polygon.js';

/**
 * Where a block sits on its page. Always normalised (0–1 of the page *as displayed*, `y` down); also in PDF
 * points (`x · widthPt`, `y · heightPt`, origin top-left, `y` down) when the page size was given to the loader.
 */
export interface TextractGeometry {
  /** Axis-aligned bounding box, normalised. */
  readonly bbox: Box;
  /**
   * The polygon, normalised. `polygon[0] → polygon[1]` runs along the top of the text in reading direction.
   * Derived from `bbox` (top-left, top-right, bottom-right, bottom-left) when the response had none.
   */
  readonly polygon: Polygon;
  /** `bbox` in points; present only when the page size is known. */
  readonly bboxPt?: Box | undefined;
  /** `polygon` in points; present only when the page size is known. */
  readonly polygonPt?: Polygon | undefined;
  /** Textract's `Geometry.RotationAngle` (degrees), when the response had it. */
  readonly rotationAngleDeg?: number;
}

/** How a {@link TextOrientation} was measured, from most to least trustworthy. */
export type TextAngleSource =
  /** From the polygon in points (page size known): true angles. */
  | 'polygonPt'
  /** Textract's own `Geometry.RotationAngle`. */
  | 'rotationAngle'
  /**
   * From the polygon in page units, with the page's aspect ratio estimated from its skewed text (page size
   * unknown; see `estimateAspectRatio` in the geometry module): true angles on skewed pages.
   */
  | 'polygonEstimated'
  /**
   * From the polygon in normalised units (page size unknown): exact for 0/90/180/270, but skew is distorted on
   * non-square pages (a 10° skew on a portrait page reads about 7°).
   */
  | 'polygonNormalized'
  /** Nothing to measure (degenerate polygon); reported as 0°. */
  | 'none'
  /** A page's dominant orientation over its lines (see `dominantTextAngle` in the geometry module). */
  | 'lines';

/**
 * The direction text runs in, in degrees, `y` down and positive clockwise on screen: 0 = normal, 90 = text
 * running down the page, 180 = upside down, −90 = running up. Rotating by `−angleDeg` makes the text upright
 * (see `createUprightFrame` in the geometry module).
 */
export interface TextOrientation {
  /** `orientationDeg + skewDeg`, in (−180, 180]. */
  readonly angleDeg: number;
  /** The nearest right angle. */
  readonly orientationDeg: RightAngleDeg;
  /** The remainder after the right angle, in [−45, 45). */
  readonly skewDeg: number;
  /** Where `angleDeg` came from; see {@link TextAngleSource}. */
  readonly source: TextAngleSource;
}
