import { decomposeAngleDeg } from './decomposeAngleDeg.js';
import type { Polygon } from './Polygon.js';

/** Options of {@link estimateAspectRatio}. */
export interface EstimateAspectRatioOptions {
  /** Fewest usable (skewed) quadrilaterals needed for an estimate; default {@link DEFAULT_ASPECT_MIN_SAMPLES}. */
  readonly minSamples?: number;
  /**
   * Quadrilaterals whose top edge is within this many degrees of an axis (in normalised units) are ignored:
   * their corners carry almost no information about the aspect ratio. Default {@link DEFAULT_ASPECT_MIN_SKEW_DEG}.
   */
  readonly minSkewDeg?: number;
}

/** Default `minSamples` of {@link estimateAspectRatio}. */
export const DEFAULT_ASPECT_MIN_SAMPLES = 3;
/** Default `minSkewDeg` of {@link estimateAspectRatio}. */
export const DEFAULT_ASPECT_MIN_SKEW_DEG = 2;

/**
 * Recovers a page's aspect ratio (`width / height`) from skewed text quadrilaterals given in normalised
 * (0–1 per axis) units, when the page size is unknown. Text boxes are rectangles on the real page, so their
 * top edge `u` and left edge `v` are perpendicular in page units: `r²·uₓvₓ + u_y·v_y = 0`. Each usable
 * polygon gives one `r`; the median is returned. Axis-aligned text carries no such information, so upright
 * or exactly 90°-rotated pages give `undefined` (where the ratio does not change angles anyway).
 *
 * @example
 * ```ts
 * const aspect = estimateAspectRatio(page.lines.map((line) => line.geometry.polygon)) ?? 1;
 * const angleDeg = polygonTextAngleDeg(line.geometry.polygon, aspect); // true skew, no page size needed
 * ```
 */
export function estimateAspectRatio(
  polygons: Iterable<Polygon>,
  options: EstimateAspectRatioOptions = {},
): number | undefined {
  const minSamples = options.minSamples ?? DEFAULT_ASPECT_MIN_SAMPLES;
  const minSkewDeg = options.minSkewDeg ?? DEFAULT_ASPECT_MIN_SKEW_DEG;
  const ratios: number[] = [];
  for (const polygon of polygons) {
    const topLeft = polygon[0];
    const topRight = polygon[1];
    const bottomLeft = polygon[3];
    if (polygon.length !== 4 || !topLeft || !topRight || !bottomLeft) continue;
    const ux = topRight.x - topLeft.x;
    const uy = topRight.y - topLeft.y;
    const vx = bottomLeft.x - topLeft.x;
    const vy = bottomLeft.y - topLeft.y;
    if ((ux === 0 && uy === 0) || (vx === 0 && vy === 0)) continue;
    const normalisedSkew = decomposeAngleDeg((Math.atan2(uy, ux) * 180) / Math.PI).skewDeg;
    if (Math.abs(normalisedSkew) < minSkewDeg) continue;
    const squared = -(uy * vy) / (ux * vx);
    // Outside 1:20 … 20:1 is noise, not a page.
    if (Number.isFinite(squared) && squared > 1 / 400 && squared < 400) ratios.push(Math.sqrt(squared));
  }
  if (ratios.length < Math.max(1, minSamples)) return undefined;
  ratios.sort((a, b) => a - b);
  const middle = ratios.length >> 1;
  return ratios.length % 2 === 1
    ? (ratios[middle] as number)
    : ((ratios[middle - 1] as number) + (ratios[middle] as number)) / 2;
}
