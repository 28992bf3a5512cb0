import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import {
  angleDifferenceDeg,
  boxToPolygon,
  cosSinDeg,
  createUprightFrame,
  decomposeAngleDeg,
  dominantTextAngle,
  estimateAspectRatio,
  fromUprightPoint,
  normalizeAngleDeg,
  pointDistance,
  pointsAlmostEqual,
  polygonArea,
  polygonBounds,
  polygonCenter,
  polygonTextAngleDeg,
  rotateBox,
  rotatePoint,
  rotatePolygon,
  scalePoint,
  scalePolygon,
  toUprightBox,
  toUprightPoint,
  toUprightPolygon,
} from '../../../src/geometry/index.js';
import { angleArb, boxArb, pointArb } from './arbitraries.js';

describe('angles', () => {
  it('normalises into (−180, 180]', () => {
    expect(normalizeAngleDeg(270)).toBe(-90);
    expect(normalizeAngleDeg(-180)).toBe(180);
    expect(normalizeAngleDeg(540)).toBe(180);
    expect(Object.is(normalizeAngleDeg(-360), 0)).toBe(true);
  });

  it('decomposes into orientation and skew', () => {
    expect(decomposeAngleDeg(-80)).toEqual({ orientationDeg: 270, skewDeg: 10 });
    expect(decomposeAngleDeg(7)).toEqual({ orientationDeg: 0, skewDeg: 7 });
    expect(decomposeAngleDeg(181)).toEqual({ orientationDeg: 180, skewDeg: 1 });
    expect(decomposeAngleDeg(45)).toEqual({ orientationDeg: 90, skewDeg: -45 });
  });

  test.prop([angleArb])('orientation + skew ≡ angle and skew ∈ [−45, 45)', (angle) => {
    const { orientationDeg, skewDeg } = decomposeAngleDeg(angle);
    expect(skewDeg).toBeGreaterThanOrEqual(-45);
    expect(skewDeg).toBeLessThan(45);
    expect(angleDifferenceDeg(orientationDeg + skewDeg, angle)).toBeLessThan(1e-6);
  });

  test.prop([angleArb])('normalised angles stay in range and equivalent', (angle) => {
    const normalized = normalizeAngleDeg(angle);
    expect(normalized).toBeGreaterThan(-180);
    expect(normalized).toBeLessThanOrEqual(180);
    const { cos, sin } = cosSinDeg(angle);
    expect(cos).toBeCloseTo(Math.cos((angle * Math.PI) / 180), 9);
    expect(sin).toBeCloseTo(Math.sin((angle * Math.PI) / 180), 9);
  });

  it('is exact at right angles', () => {
    expect(cosSinDeg(90)).toEqual({ cos: 0, sin: 1 });
    expect(cosSinDeg(-270)).toEqual({ cos: 0, sin: 1 });
    expect(cosSinDeg(180)).toEqual({ cos: -1, sin: 0 });
    expect(cosSinDeg(-90)).toEqual({ cos: 0, sin: -1 });
    expect(angleDifferenceDeg(350, 10)).toBe(20);
  });
});

describe('polygonTextAngleDeg', () => {
  const rotatedText = (angleDeg: number, widthPt: number, heightPt: number) => {
    // A 200 × 20 pt word at the page centre, rotated by angleDeg, expressed in normalised units.
    const centre = { x: widthPt / 2, y: heightPt / 2 };
    const polygonPt = rotatePolygon(
      boxToPolygon({ left: centre.x - 100, top: centre.y - 10, width: 200, height: 20 }),
      angleDeg,
      centre,
    );
    return scalePolygon(polygonPt, 1 / widthPt, 1 / heightPt);
  };

  it('measures the true angle given the aspect ratio, and a distorted one without', () => {
    const polygon = rotatedText(10, 612, 792);
    expect(polygonTextAngleDeg(polygon, 612 / 792)).toBeCloseTo(10, 9);
    // The raw normalised angle is about 7.8° on Letter; the fixtures' "10°" files read ≈7° this way.
    expect(polygonTextAngleDeg(polygon)).toBeLessThan(8);
  });

  it.each([0, 90, 180, -90])('reads right angle %d exactly', (angle) => {
    expect(polygonTextAngleDeg(rotatedText(angle, 612, 792), 612 / 792)).toBeCloseTo(angle === -90 ? -90 : angle, 9);
  });

  it('uses the top edge alone for non-quadrilaterals, and rejects degenerate input', () => {
    expect(
      polygonTextAngleDeg([
        { x: 0, y: 0 },
        { x: 0, y: 1 },
        { x: 1, y: 1 },
      ]),
    ).toBe(90);
    expect(polygonTextAngleDeg([{ x: 0, y: 0 }])).toBeUndefined();
    expect(
      polygonTextAngleDeg([
        { x: 1, y: 1 },
        { x: 1, y: 1 },
      ]),
    ).toBeUndefined();
    expect(
      polygonTextAngleDeg([
        { x: 1, y: 1 },
        { x: 0, y: 1 },
      ]),
    ).toBe(180);
  });

  test.prop([fc.double({ min: -179, max: 179, noNaN: true }), fc.double({ min: 0.3, max: 3, noNaN: true })])(
    'recovers any rotation on any page shape',
    (angle, aspect) => {
      const measured = polygonTextAngleDeg(rotatedText(angle, 600 * aspect, 600), aspect) as number;
      expect(angleDifferenceDeg(measured, angle)).toBeLessThan(1e-6);
    },
  );
});

describe('rotation', () => {
  test.prop([pointArb, angleArb, pointArb])('rotate(rotate(p, θ), −θ) ≈ p', (point, angle, origin) => {
    const back = rotatePoint(rotatePoint(point, angle, origin), -angle, origin);
    expect(pointsAlmostEqual(back, point, 1e-6)).toBe(true);
  });

  test.prop([pointArb, angleArb])('rotation preserves distance to the origin', (point, angle) => {
    const origin = { x: 0, y: 0 };
    expect(pointDistance(rotatePoint(point, angle), origin)).toBeCloseTo(pointDistance(point, origin), 6);
  });

  test.prop([boxArb, angleArb])('rotation preserves polygon area', (box, angle) => {
    const polygon = boxToPolygon(box);
    expect(polygonArea(rotatePolygon(polygon, angle))).toBeCloseTo(polygonArea(polygon), 3);
  });

  it('turns clockwise on screen for positive angles', () => {
    expect(rotatePoint({ x: 1, y: 0 }, 90)).toEqual({ x: 0, y: 1 });
    expect(rotateBox({ left: 0, top: 0, width: 2, height: 1 }, 90)).toEqual({ left: -1, top: 0, width: 1, height: 2 });
  });
});

describe('polygons', () => {
  it('bounds, centre, area and scaling', () => {
    const diamond = [
      { x: 1, y: 0 },
      { x: 2, y: 1 },
      { x: 1, y: 2 },
      { x: 0, y: 1 },
    ];
    expect(polygonBounds(diamond)).toEqual({ left: 0, top: 0, width: 2, height: 2 });
    expect(polygonCenter(diamond)).toEqual({ x: 1, y: 1 });
    expect(polygonArea(diamond)).toBe(2);
    expect(polygonBounds([])).toBeUndefined();
    expect(polygonCenter([])).toBeUndefined();
    expect(scalePoint({ x: 0.5, y: 0.25 }, 612, 792)).toEqual({ x: 306, y: 198 });
  });
});

describe('UprightFrame', () => {
  it('maps a 90° page onto a landscape frame', () => {
    const frame = createUprightFrame(100, 200, 90);
    expect([frame.width, frame.height]).toEqual([200, 100]);
    expect(toUprightPoint(frame, { x: 100, y: 0 })).toEqual({ x: 0, y: 0 });
    expect(toUprightBox(frame, { left: 90, top: 0, width: 10, height: 50 })).toEqual({
      left: 0,
      top: 0,
      width: 50,
      height: 10,
    });
  });

  it('makes rotated text run left to right', () => {
    for (const angle of [90, 180, -90, 10, -10]) {
      const frame = createUprightFrame(612, 792, angle);
      const text = rotatePolygon(boxToPolygon({ left: 200, top: 300, width: 150, height: 12 }), angle, {
        x: 306,
        y: 396,
      });
      const upright = toUprightPolygon(frame, text);
      expect(polygonTextAngleDeg(upright)).toBeCloseTo(0, 9);
      for (const point of upright) {
        expect(point.x).toBeGreaterThanOrEqual(-1e-9);
        expect(point.y).toBeGreaterThanOrEqual(-1e-9);
        expect(point.x).toBeLessThanOrEqual(frame.width + 1e-9);
        expect(point.y).toBeLessThanOrEqual(frame.height + 1e-9);
      }
    }
  });

  test.prop([
    pointArb,
    angleArb,
    fc.double({ min: 1, max: 5000, noNaN: true }),
    fc.double({ min: 1, max: 5000, noNaN: true }),
  ])('fromUprightPoint inverts toUprightPoint', (point, angle, width, height) => {
    const frame = createUprightFrame(width, height, angle);
    expect(pointsAlmostEqual(fromUprightPoint(frame, toUprightPoint(frame, point)), point, 1e-6)).toBe(true);
  });
});

describe('dominantTextAngle', () => {
  it('takes the heaviest orientation and its median skew', () => {
    expect(
      dominantTextAngle([{ angleDeg: 92 }, { angleDeg: 88 }, { angleDeg: 91 }, { angleDeg: 0, weight: 0.5 }]),
    ).toEqual({
      angleDeg: 91,
      orientationDeg: 90,
      skewDeg: 1,
    });
    expect(dominantTextAngle([{ angleDeg: 179 }, { angleDeg: -179 }])).toEqual({
      angleDeg: 180,
      orientationDeg: 180,
      skewDeg: 0,
    });
    expect(
      dominantTextAngle([
        { angleDeg: -90, weight: 3 },
        { angleDeg: 0, weight: 2 },
      ]).orientationDeg,
    ).toBe(270);
  });

  it('gives 0° for no usable input', () => {
    expect(dominantTextAngle([])).toEqual({ angleDeg: 0, orientationDeg: 0, skewDeg: 0 });
    expect(dominantTextAngle([{ angleDeg: Number.NaN }, { angleDeg: 30, weight: 0 }]).angleDeg).toBe(0);
  });

  test.prop([
    fc.array(fc.record({ angleDeg: angleArb, weight: fc.double({ min: 0.1, max: 10, noNaN: true }) }), {
      maxLength: 30,
    }),
  ])('does not depend on input order', (angles) => {
    const reversed = [...angles].reverse();
    expect(dominantTextAngle(reversed)).toEqual(dominantTextAngle(angles));
  });
});

describe('estimateAspectRatio', () => {
  const skewedWords = (aspect: number, angleDeg: number, count = 5) =>
    Array.from({ length: count }, (_, i) => {
      const width = 600 * aspect;
      const centre = { x: width / 2, y: 100 + i * 40 };
      const polygon = rotatePolygon(
        boxToPolygon({ left: centre.x - 80, top: centre.y - 8, width: 160, height: 16 }),
        angleDeg,
        centre,
      );
      return scalePolygon(polygon, 1 / width, 1 / 600);
    });

  test.prop([fc.double({ min: 0.3, max: 3, noNaN: true }), fc.double({ min: 8, max: 40, noNaN: true }), fc.boolean()])(
    'recovers the aspect ratio of a page with skewed text',
    (aspect, angle, negative) => {
      const estimate = estimateAspectRatio(skewedWords(aspect, negative ? -angle : angle));
      expect(estimate).toBeCloseTo(aspect, 6);
    },
  );

  it('gives undefined for axis-aligned text, too few samples or degenerate polygons', () => {
    expect(estimateAspectRatio(skewedWords(0.77, 0))).toBeUndefined();
    expect(estimateAspectRatio(skewedWords(0.77, 90))).toBeUndefined();
    expect(estimateAspectRatio(skewedWords(0.77, 10, 2))).toBeUndefined();
    expect(estimateAspectRatio(skewedWords(0.77, 10, 2), { minSamples: 1 })).toBeCloseTo(0.77, 6);
    expect(
      estimateAspectRatio(
        [
          [
            { x: 0, y: 0 },
            { x: 0, y: 0 },
            { x: 1, y: 1 },
            { x: 0, y: 1 },
          ],
        ],
        { minSamples: 1 },
      ),
    ).toBeUndefined();
    expect(
      estimateAspectRatio(
        [
          [
            { x: 0, y: 0 },
            { x: 1, y: 0.2 },
            { x: 1, y: 1 },
          ],
        ],
        { minSamples: 1 },
      ),
    ).toBeUndefined();
  });
});
