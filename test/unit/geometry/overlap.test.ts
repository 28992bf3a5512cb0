import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import {
  horizontalGap,
  horizontalInterval,
  horizontalOverlap,
  horizontalOverlapRatio,
  intervalGap,
  intervalOverlap,
  overlapRatio,
  verticalGap,
  verticalInterval,
  verticalOverlap,
  verticalOverlapRatio,
} from '../../../src/geometry/index.js';
import { boxArb } from './arbitraries.js';

describe('interval overlap', () => {
  it('measures overlap and signed gap', () => {
    expect(intervalOverlap({ start: 0, end: 4 }, { start: 3, end: 10 })).toBe(1);
    expect(intervalOverlap({ start: 0, end: 1 }, { start: 3, end: 10 })).toBe(0);
    expect(intervalGap({ start: 0, end: 1 }, { start: 3, end: 4 })).toBe(2);
    expect(intervalGap({ start: 0, end: 2 }, { start: 1, end: 4 })).toBe(-1);
  });

  it('normalises by each basis', () => {
    const a = { start: 0, end: 10 };
    const b = { start: 5, end: 6 };
    expect(overlapRatio(a, b)).toBe(1);
    expect(overlapRatio(a, b, 'max')).toBe(0.1);
    expect(overlapRatio(a, b, 'union')).toBe(0.1);
    expect(overlapRatio(a, b, 'first')).toBe(0.1);
    expect(overlapRatio(b, a, 'first')).toBe(1);
  });

  it('handles zero-length intervals', () => {
    expect(overlapRatio({ start: 1, end: 1 }, { start: 1, end: 1 })).toBe(1);
    expect(overlapRatio({ start: 1, end: 1 }, { start: 0, end: 2 })).toBe(0);
  });

  test.prop([boxArb, boxArb, fc.constantFrom('min', 'max', 'union', 'first' as const)])(
    'ratios stay in [0, 1]',
    (a, b, basis) => {
      for (const ratio of [horizontalOverlapRatio(a, b, basis), verticalOverlapRatio(a, b, basis)]) {
        expect(ratio).toBeGreaterThanOrEqual(0);
        expect(ratio).toBeLessThanOrEqual(1);
      }
    },
  );

  test.prop([boxArb, boxArb])('overlap and gap are symmetric and consistent', (a, b) => {
    expect(horizontalOverlap(a, b)).toBe(horizontalOverlap(b, a));
    expect(verticalOverlap(a, b)).toBe(verticalOverlap(b, a));
    expect(horizontalGap(a, b)).toBe(horizontalGap(b, a));
    if (verticalGap(a, b) > 0) expect(verticalOverlap(a, b)).toBe(0);
  });
});

describe('box projections', () => {
  it('projects onto each axis', () => {
    const box = { left: 1, top: 2, width: 3, height: 4 };
    expect(horizontalInterval(box)).toEqual({ start: 1, end: 4 });
    expect(verticalInterval(box)).toEqual({ start: 2, end: 6 });
    expect(horizontalOverlap(box, { left: 3, top: 50, width: 4, height: 1 })).toBe(1);
    expect(verticalOverlap(box, { left: 50, top: 5, width: 1, height: 4 })).toBe(1);
    expect(verticalGap(box, { left: 0, top: 6.5, width: 1, height: 1 })).toBe(0.5);
  });
});
