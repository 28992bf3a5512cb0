import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { type PdfMatrix, pageFrame } from '../../../src/searchable-pdf/index.js';

const apply = (m: PdfMatrix, u: number, v: number): [number, number] => [
  m[0] * u + m[2] * v + m[4],
  m[1] * u + m[3] * v + m[5],
];

describe('pageFrame', () => {
  it('maps the displayed page onto the crop box for every /Rotate', () => {
    expect(pageFrame([0, 0, 612, 792], 0)).toEqual({ widthPt: 612, heightPt: 792, displayToUser: [1, 0, 0, 1, 0, 0] });
    expect(pageFrame([0, 0, 612, 792], 90)).toMatchObject({ widthPt: 792, heightPt: 612 });
    expect(pageFrame([0, 0, 612, 792], -90).displayToUser).toEqual(pageFrame([0, 0, 612, 792], 270).displayToUser);
    expect(pageFrame([0, 0, 612, 792], 45).displayToUser).toEqual([1, 0, 0, 1, 0, 0]);
  });

  // The display's top-left corner is the crop box corner that /Rotate (clockwise) brings to the top-left.
  const TOP_LEFT: Record<number, (b: number[]) => [number, number]> = {
    0: (b) => [b[0]!, b[3]!],
    90: (b) => [b[0]!, b[1]!],
    180: (b) => [b[2]!, b[1]!],
    270: (b) => [b[2]!, b[3]!],
  };

  test.prop([
    fc.integer({ min: -500, max: 500 }),
    fc.integer({ min: -500, max: 500 }),
    fc.integer({ min: 1, max: 2000 }),
    fc.integer({ min: 1, max: 2000 }),
    fc.constantFrom(0, 90, 180, 270),
  ])('puts the display corners on the crop box corners', (x0, y0, w, h, rotate) => {
    const box = [x0, y0, x0 + w, y0 + h];
    const frame = pageFrame(box as [number, number, number, number], rotate);
    const corners = [
      apply(frame.displayToUser, 0, 0),
      apply(frame.displayToUser, frame.widthPt, 0),
      apply(frame.displayToUser, 0, frame.heightPt),
      apply(frame.displayToUser, frame.widthPt, frame.heightPt),
    ];
    for (const [x, y] of corners) {
      expect([box[0], box[2]]).toContain(x);
      expect([box[1], box[3]]).toContain(y);
    }
    expect(apply(frame.displayToUser, 0, frame.heightPt)).toEqual(TOP_LEFT[rotate]!(box));
  });
});
