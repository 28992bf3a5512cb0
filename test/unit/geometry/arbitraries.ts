import { fc } from '@fast-check/vitest';
import type { Box } from '../../../src/geometry/Box.js';
import type { Point } from '../../../src/geometry/Point.js';

const coordinate = fc.double({ min: -1000, max: 1000, noNaN: true, noDefaultInfinity: true });
const length = fc.double({ min: 0, max: 500, noNaN: true, noDefaultInfinity: true });

/** Any point in a ±1000 square. */
export const pointArb: fc.Arbitrary<Point> = fc.record({ x: coordinate, y: coordinate });

/** Any box with non-negative size, including empty ones. */
export const boxArb: fc.Arbitrary<Box> = fc.record({
  left: coordinate,
  top: coordinate,
  width: length,
  height: length,
});

/** Boxes on a coarse integer grid, so ties and exact overlaps are common. */
export const gridBoxArb: fc.Arbitrary<Box> = fc.record({
  left: fc.integer({ min: 0, max: 20 }),
  top: fc.integer({ min: 0, max: 20 }),
  width: fc.integer({ min: 0, max: 8 }),
  height: fc.integer({ min: 0, max: 4 }),
});

/** Finite angles in degrees, well beyond one turn. */
export const angleArb = fc.double({ min: -1080, max: 1080, noNaN: true, noDefaultInfinity: true });
