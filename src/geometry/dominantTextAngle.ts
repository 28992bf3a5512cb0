import { decomposeAngleDeg, type RightAngleDeg } from './decomposeAngleDeg.js';

/** One text element's measured angle and how much it should count (e.g. its length or character count). */
export interface WeightedAngle {
  /** A text angle in degrees. */
  readonly angleDeg: number;
  /** Non-negative; defaults to 1. */
  readonly weight?: number;
}

/** The orientation shared by most of the text on a page. */
export interface DominantTextAngle {
  /** `orientationDeg + skewDeg`, normalised to (−180, 180]. */
  readonly angleDeg: number;
  /** The right angle carrying the most weight (ties: the smaller angle). */
  readonly orientationDeg: RightAngleDeg;
  /** Weighted median skew of the elements in that orientation, in [−45, 45). */
  readonly skewDeg: number;
}

/**
 * The dominant text orientation of a set of angles: the right angle (0/90/180/270) with the largest total
 * weight, plus the weighted median skew of the angles in it (robust to a few odd lines). Independent of input
 * order. An empty input (or zero total weight) gives 0°.
 *
 * @example
 * ```ts
 * dominantTextAngle([{ angleDeg: 92 }, { angleDeg: 88 }, { angleDeg: 91 }, { angleDeg: 0, weight: 0.5 }]);
 * // { angleDeg: 91, orientationDeg: 90, skewDeg: 1 }
 * ```
 */
export function dominantTextAngle(angles: Iterable<WeightedAngle>): DominantTextAngle {
  const totals = [0, 0, 0, 0];
  const buckets: { skewDeg: number; weight: number }[][] = [[], [], [], []];
  for (const { angleDeg, weight = 1 } of angles) {
    if (!Number.isFinite(angleDeg) || !(weight > 0)) continue;
    const { orientationDeg, skewDeg } = decomposeAngleDeg(angleDeg);
    const quadrant = orientationDeg / 90;
    (totals[quadrant] as number) += weight;
    buckets[quadrant]?.push({ skewDeg, weight });
  }
  let best = 0;
  for (let q = 1; q < 4; q++) if ((totals[q] as number) > (totals[best] as number)) best = q;
  const orientationDeg = (best * 90) as RightAngleDeg;
  const skewDeg = weightedMedian(buckets[best] ?? []);
  const angleDeg = orientationDeg + skewDeg > 180 ? orientationDeg + skewDeg - 360 : orientationDeg + skewDeg;
  return { angleDeg: angleDeg === 0 ? 0 : angleDeg, orientationDeg, skewDeg };
}

function weightedMedian(items: { skewDeg: number; weight: number }[]): number {
  if (items.length === 0) return 0;
  const sorted = [...items].sort((a, b) => a.skewDeg - b.skewDeg);
  const half = sorted.reduce((sum, item) => sum + item.weight, 0) / 2;
  let cumulative = 0;
  for (let i = 0; i < sorted.length; i++) {
    const item = sorted[i] as { skewDeg: number; weight: number };
    cumulative += item.weight;
    // Exactly half: average with the next value, as an ordinary median does for even counts.
    if (cumulative === half && i + 1 < sorted.length) return (item.skewDeg + (sorted[i + 1]?.skewDeg ?? 0)) / 2;
    if (cumulative > half) return item.skewDeg;
  }
  return sorted[sorted.length - 1]?.skewDeg ?? 0;
}
