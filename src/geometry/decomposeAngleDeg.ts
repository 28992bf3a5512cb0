import { normalizeAngleDeg } from './normalizeAngleDeg.js';

/** A right-angle orientation of text on a page (degrees, clockwise on screen). */
export type RightAngleDeg = 0 | 90 | 180 | 270;

/** An angle split into its nearest right angle and the small remainder. */
export interface DecomposedAngle {
  /** The nearest right angle, 0/90/180/270. */
  readonly orientationDeg: RightAngleDeg;
  /** `angle − orientation`, in [−45, 45). */
  readonly skewDeg: number;
}

/**
 * Splits an angle into its dominant right-angle orientation and the residual skew:
 * `orientationDeg + skewDeg ≡ angleDeg (mod 360)`.
 *
 * @example
 * ```ts
 * decomposeAngleDeg(-80); // { orientationDeg: 270, skewDeg: 10 }
 * decomposeAngleDeg(7);   // { orientationDeg: 0, skewDeg: 7 }
 * ```
 */
export function decomposeAngleDeg(angleDeg: number): DecomposedAngle {
  const turned = (((angleDeg % 360) + 360) % 360) + 45; // [45, 405)
  const quadrant = Math.floor(turned / 90) % 4;
  const orientationDeg = (quadrant * 90) as RightAngleDeg;
  let skewDeg = normalizeAngleDeg(angleDeg - orientationDeg);
  if (skewDeg >= 45) skewDeg -= 90; // floating-point edge at exactly ±45
  return { orientationDeg, skewDeg: skewDeg === 0 ? 0 : skewDeg };
}
