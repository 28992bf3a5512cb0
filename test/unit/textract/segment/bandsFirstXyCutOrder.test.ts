import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { bandsFirstXyCutOrder } from '../../../../src/textract/segment/bandsFirstXyCutOrder.js';

const box = (x0: number, y0: number, x1: number, y1: number) => ({ x0, y0, x1, y1 });

describe('bandsFirstXyCutOrder', () => {
  it('reads a full-width title, two interleaved columns, then a footer', () => {
    const boxes = [
      box(0, 0.9, 1, 1), // footer
      box(0.55, 0.2, 1, 0.35), // right column, first
      box(0, 0.2, 0.45, 0.5), // left column
      box(0.55, 0.36, 1, 0.8), // right column, second
      box(0, 0, 1, 0.1), // title
    ];
    expect(bandsFirstXyCutOrder(boxes)).toEqual([4, 2, 1, 3, 0]);
  });

  it('falls back to top-then-left when nothing can be cut', () => {
    const boxes = [box(0, 0, 0.6, 0.6), box(0.4, 0.4, 1, 1), box(0.5, 0.1, 0.9, 0.3)];
    expect(bandsFirstXyCutOrder(boxes)).toEqual([0, 2, 1]);
  });

  test.prop([
    fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true })), {
      maxLength: 60,
    }),
  ])('returns a permutation', (points) => {
    const boxes = points.map(([x, y]) => box(x, y, x + 0.1, y + 0.05));
    expect([...bandsFirstXyCutOrder(boxes)].sort((a, b) => a - b)).toEqual(boxes.map((_, i) => i));
  });
});
