import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import {
  boxArea,
  boxBottom,
  boxCenter,
  boxContainsBox,
  boxContainsPoint,
  boxDistance,
  boxFromEdges,
  boxIntersection,
  boxIntersectionArea,
  boxIou,
  boxRight,
  boxUnion,
  boxUnionAll,
  scaleBox,
} from '../../../src/geometry/index.js';
import { boxArb } from './arbitraries.js';

const unit = { left: 0, top: 0, width: 1, height: 1 };

describe('Box accessors', () => {
  it('computes edges, centre and area', () => {
    const box = { left: 1, top: 2, width: 3, height: 4 };
    expect([boxRight(box), boxBottom(box), boxArea(box)]).toEqual([4, 6, 12]);
    expect(boxCenter(box)).toEqual({ x: 2.5, y: 4 });
  });

  it('orders swapped edges', () => {
    expect(boxFromEdges(3, 4, 1, 1)).toEqual({ left: 1, top: 1, width: 2, height: 3 });
  });

  it('scales per axis', () => {
    expect(scaleBox({ left: 0.5, top: 0.5, width: 0.25, height: 0.1 }, 600, 800)).toEqual({
      left: 300,
      top: 400,
      width: 150,
      height: 80,
    });
  });

  it('tests containment, edges included', () => {
    expect(boxContainsPoint(unit, { x: 1, y: 0.5 })).toBe(true);
    expect(boxContainsPoint(unit, { x: 1.01, y: 0.5 })).toBe(false);
    expect(boxContainsBox(unit, { left: 0.5, top: 0.5, width: 0.5, height: 0.5 })).toBe(true);
    expect(boxContainsBox(unit, { left: 0.5, top: 0.5, width: 0.6, height: 0.5 })).toBe(false);
    expect(boxContainsBox(unit, { left: 0.5, top: 0.5, width: 0.6, height: 0.5 }, 0.1)).toBe(true);
  });
});

describe('boxIou', () => {
  it('gives 1/3 for half-shifted boxes and 0 for disjoint ones', () => {
    expect(boxIou({ left: 0, top: 0, width: 2, height: 1 }, { left: 1, top: 0, width: 2, height: 1 })).toBeCloseTo(
      1 / 3,
    );
    expect(boxIou(unit, { left: 5, top: 5, width: 1, height: 1 })).toBe(0);
  });

  it('handles empty boxes without NaN', () => {
    const empty = { left: 1, top: 1, width: 0, height: 0 };
    expect(boxIou(empty, empty)).toBe(1);
    expect(boxIou(empty, { ...empty, left: 2 })).toBe(0);
  });

  test.prop([boxArb, boxArb])('is symmetric and within [0, 1]', (a, b) => {
    const iou = boxIou(a, b);
    expect(iou).toBeGreaterThanOrEqual(0);
    expect(iou).toBeLessThanOrEqual(1);
    expect(iou).toBe(boxIou(b, a));
  });

  test.prop([boxArb])('is 1 for a box with itself', (box) => {
    expect(boxIou(box, box)).toBe(1);
  });
});

describe('boxUnion and boxIntersection', () => {
  test.prop([boxArb, boxArb])('the union contains both boxes', (a, b) => {
    const union = boxUnion(a, b);
    expect(boxContainsBox(union, a, 1e-9)).toBe(true);
    expect(boxContainsBox(union, b, 1e-9)).toBe(true);
  });

  test.prop([boxArb, boxArb])('the intersection lies inside both boxes', (a, b) => {
    const intersection = boxIntersection(a, b);
    if (intersection) {
      expect(boxContainsBox(a, intersection, 1e-9)).toBe(true);
      expect(boxContainsBox(b, intersection, 1e-9)).toBe(true);
      expect(boxArea(intersection)).toBeCloseTo(boxIntersectionArea(a, b), 6);
    } else expect(boxIntersectionArea(a, b)).toBe(0);
  });

  it('returns undefined for an empty list and the hull otherwise', () => {
    expect(boxUnionAll([])).toBeUndefined();
    expect(
      boxUnionAll([
        { left: 0, top: 0, width: 1, height: 1 },
        { left: 2, top: 3, width: 1, height: 1 },
      ]),
    ).toEqual({ left: 0, top: 0, width: 3, height: 4 });
  });

  it('gives a zero-width intersection for boxes that touch', () => {
    expect(boxIntersection(unit, { left: 1, top: 0, width: 1, height: 1 })).toEqual({
      left: 1,
      top: 0,
      width: 0,
      height: 1,
    });
  });

  test.prop([fc.array(boxArb, { minLength: 1, maxLength: 20 })])('boxUnionAll contains every box', (boxes) => {
    const hull = boxUnionAll(boxes);
    for (const box of boxes) expect(boxContainsBox(hull as never, box, 1e-9)).toBe(true);
  });
});

describe('boxDistance', () => {
  it('measures the gap, diagonal included', () => {
    expect(boxDistance(unit, { left: 4, top: 5, width: 1, height: 1 })).toBe(5);
    expect(boxDistance(unit, { left: 3, top: 0.5, width: 1, height: 1 })).toBe(2);
    expect(boxDistance(unit, { left: 1, top: 1, width: 1, height: 1 })).toBe(0);
  });

  test.prop([boxArb, boxArb])('is symmetric, non-negative, and 0 exactly when the boxes meet', (a, b) => {
    const distance = boxDistance(a, b);
    expect(distance).toBe(boxDistance(b, a));
    expect(distance).toBeGreaterThanOrEqual(0);
    expect(distance === 0).toBe(boxIntersection(a, b) !== undefined);
  });
});
