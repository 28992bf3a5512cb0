/*
 * Angle helpers. Every angle is in degrees, measured in a `y`-down frame (page and image coordinates), so a
 * positive angle turns clockwise on screen: text at 90° runs downwards, text at 180° is upside down.
 */

/**
 * Brings an angle into (−180, 180].
 *
 * @example
 * ```ts
 * normalizeAngleDeg(270); // -90
 * normalizeAngleDeg(-180); // 180
 * ```
 */
export function normalizeAngleDeg(angleDeg: number): number {
  let angle = angleDeg % 360;
  if (angle <= -180) angle += 360;
  else if (angle > 180) angle -= 360;
  return angle === 0 ? 0 : angle; // no -0
}

/**
 * Cosine and sine of an angle in degrees, exact (0, ±1) at multiples of 90° so right-angle rotations stay exact.
 *
 * @example
 * ```ts
 * cosSinDeg(90); // { cos: 0, sin: 1 }
 * ```
 */
export function cosSinDeg(angleDeg: number): {
  /** cos(angleDeg). */
  readonly cos: number;
  /** sin(angleDeg). */
  readonly sin: number;
} {
  const normalized = normalizeAngleDeg(angleDeg);
  if (normalized === 0) return { cos: 1, sin: 0 };
  if (normalized === 90) return { cos: 0, sin: 1 };
  if (normalized === 180) return { cos: -1, sin: 0 };
  if (normalized === -90) return { cos: 0, sin: -1 };
  const radians = (normalized * Math.PI) / 180;
  return { cos: Math.cos(radians), sin: Math.sin(radians) };
}

/**
 * The smallest absolute difference between two angles, in [0, 180].
 *
 * @example
 * ```ts
 * angleDifferenceDeg(350, 10); // 20
 * ```
 */
export function angleDifferenceDeg(a: number, b: number): number {
  return Math.abs(normalizeAngleDeg(a - b));
}
