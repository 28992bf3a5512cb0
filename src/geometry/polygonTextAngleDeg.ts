import type { Polygon } from './Polygon.js';

/**
 * The direction of a text polygon's baseline, in degrees in (−180, 180] (`y` down, so 90° = text running
 * downwards, 180° = upside down), measured in page units.
 *
 * Textract polygons are normalised to 0–1 on each axis separately, so a non-square page stretches angles: a
 * 10° skew on a portrait Letter page measures about 7° in raw normalised units. Pass the page's aspect ratio
 * (`width / height`, in any unit) to measure the true angle. Uses the top edge (`polygon[0] → polygon[1]`)
 * and, for quadrilaterals, the bottom edge (`polygon[3] → polygon[2]`) too. Returns `undefined` for fewer
 * than two vertices or a zero-length edge.
 *
 * @example
 * ```ts
 * // A 612 × 792 pt page; the text runs straight down the page.
 * polygonTextAngleDeg([{ x: 0.9, y: 0.1 }, { x: 0.9, y: 0.3 }, { x: 0.88, y: 0.3 }, { x: 0.88, y: 0.1 }], 612 / 792); // 90
 * ```
 */
export function polygonTextAngleDeg(polygon: Polygon, pageAspectRatio = 1): number | undefined {
  const p0 = polygon[0];
  const p1 = polygon[1];
  if (!p0 || !p1) return undefined;
  let dx = (p1.x - p0.x) * pageAspectRatio;
  let dy = p1.y - p0.y;
  const p2 = polygon[2];
  const p3 = polygon[3];
  if (polygon.length === 4 && p2 && p3) {
    dx += (p2.x - p3.x) * pageAspectRatio;
    dy += p2.y - p3.y;
  }
  if (dx === 0 && dy === 0) return undefined;
  if (dy === 0) return dx > 0 ? 0 : 180;
  if (dx === 0) return dy > 0 ? 90 : -90;
  return (Math.atan2(dy, dx) * 180) / Math.PI;
}
