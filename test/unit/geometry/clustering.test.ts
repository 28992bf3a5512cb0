import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import {
  type Box,
  clusterIntervals,
  clusterValues,
  findGaps,
  type Interval,
  sortReadingOrder,
  xyCut,
  xyCutOrder,
} from '../../../src/geometry/index.js';
import { gridBoxArb } from './arbitraries.js';

const intervalArb: fc.Arbitrary<Interval> = fc
  .tuple(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 10 }))
  .map(([start, length]) => ({ start, end: start + length }));

const isPermutation = (order: readonly number[], n: number): boolean =>
  order.length === n && [...order].sort((a, b) => a - b).every((value, index) => value === index);

const shuffled = <T>(items: readonly T[], seed: number): { items: T[]; original: number[] } => {
  const original = items.map((_, index) => index);
  for (let i = original.length - 1; i > 0; i--) {
    const j = (seed * (i + 7)) % (i + 1);
    [original[i], original[j]] = [original[j] as number, original[i] as number];
  }
  return { items: original.map((index) => items[index] as T), original };
};

describe('clusterIntervals', () => {
  it('joins overlapping intervals transitively', () => {
    expect(
      clusterIntervals([
        { start: 0, end: 2 },
        { start: 5, end: 6 },
        { start: 1, end: 3 },
      ]),
    ).toEqual([
      { members: [0, 2], start: 0, end: 3 },
      { members: [1], start: 5, end: 6 },
    ]);
  });

  it('respects maxGap', () => {
    const intervals = [
      { start: 0, end: 1 },
      { start: 2, end: 3 },
    ];
    expect(clusterIntervals(intervals)).toHaveLength(2);
    expect(clusterIntervals(intervals, { maxGap: 1 })).toHaveLength(1);
    expect(
      clusterIntervals(
        [
          { start: 0, end: 2 },
          { start: 1.5, end: 3 },
        ],
        { maxGap: -1 },
      ),
    ).toHaveLength(2);
  });

  test.prop([fc.array(intervalArb, { maxLength: 40 }), fc.nat()])(
    'partitions the input independently of its order, with disjoint spans',
    (intervals, seed) => {
      const clusters = clusterIntervals(intervals);
      expect(
        isPermutation(
          clusters.flatMap((cluster) => cluster.members),
          intervals.length,
        ),
      ).toBe(true);
      for (let i = 1; i < clusters.length; i++) {
        expect((clusters[i] as { start: number }).start).toBeGreaterThan((clusters[i - 1] as { end: number }).end);
      }
      const { items, original } = shuffled(intervals, seed);
      const again = clusterIntervals(items).map((cluster) =>
        cluster.members.map((m) => original[m]).sort((a, b) => (a as number) - (b as number)),
      );
      expect(again).toEqual(clusters.map((cluster) => [...cluster.members]));
    },
  );
});

describe('clusterValues', () => {
  it('splits at gaps larger than maxGap', () => {
    expect(clusterValues([72, 90, 72.5, 300, 89], 2)).toEqual([[0, 2], [1, 4], [3]]);
    expect(clusterValues([1, Number.NaN, 2], 5)).toEqual([[0, 2]]);
    expect(clusterValues([], 1)).toEqual([]);
  });

  test.prop([fc.array(fc.integer({ min: 0, max: 50 }), { maxLength: 40 }), fc.integer({ min: 0, max: 5 })])(
    'groups are a partition; neighbours across groups differ by more than maxGap',
    (values, maxGap) => {
      const groups = clusterValues(values, maxGap);
      expect(isPermutation(groups.flat(), values.length)).toBe(true);
      for (let g = 1; g < groups.length; g++) {
        const previousMax = Math.max(...(groups[g - 1] as number[]).map((i) => values[i] as number));
        const currentMin = Math.min(...(groups[g] as number[]).map((i) => values[i] as number));
        expect(currentMin - previousMax).toBeGreaterThan(maxGap);
      }
    },
  );
});

describe('findGaps', () => {
  it('finds uncovered stretches, with margins when bounded', () => {
    expect(
      findGaps([
        { start: 0, end: 2 },
        { start: 5, end: 6 },
        { start: 1, end: 3 },
      ]),
    ).toEqual([{ start: 3, end: 5 }]);
    expect(findGaps([{ start: 2, end: 3 }], { within: { start: 0, end: 10 }, minGap: 3 })).toEqual([
      { start: 3, end: 10 },
    ]);
    expect(findGaps([], { within: { start: 0, end: 1 } })).toEqual([{ start: 0, end: 1 }]);
    expect(findGaps([])).toEqual([]);
  });

  test.prop([fc.array(intervalArb, { maxLength: 30 })])('no gap overlaps any interval', (intervals) => {
    for (const gap of findGaps(intervals)) {
      for (const interval of intervals) {
        expect(Math.min(gap.end, interval.end) - Math.max(gap.start, interval.start)).toBeLessThanOrEqual(0);
      }
    }
  });
});

describe('sortReadingOrder', () => {
  it('reads rows top to bottom and left to right', () => {
    const boxes: Box[] = [
      { left: 50, top: 0, width: 40, height: 10 },
      { left: 0, top: 20, width: 40, height: 10 },
      { left: 0, top: 1, width: 40, height: 10 },
    ];
    expect(sortReadingOrder(boxes)).toEqual([2, 0, 1]);
  });

  test.prop([fc.array(gridBoxArb, { maxLength: 40 })])('is a permutation', (boxes) => {
    expect(isPermutation(sortReadingOrder(boxes), boxes.length)).toBe(true);
  });

  test.prop([fc.array(gridBoxArb, { maxLength: 30 }), fc.nat()])(
    'does not depend on input order for distinct boxes',
    (boxes, seed) => {
      const distinct = boxes.filter(
        (box, i) => boxes.findIndex((other) => JSON.stringify(other) === JSON.stringify(box)) === i,
      );
      const expected = sortReadingOrder(distinct).map((index) => distinct[index]);
      const { items } = shuffled(distinct, seed);
      expect(sortReadingOrder(items).map((index) => items[index])).toEqual(expected);
    },
  );
});

describe('xyCut', () => {
  // Title across the page, then two columns of three lines each.
  const title: Box = { left: 0, top: 0, width: 200, height: 20 };
  const column = (left: number): Box[] => [0, 1, 2].map((row) => ({ left, top: 40 + row * 14, width: 90, height: 10 }));
  const page = [...column(110), title, ...column(0)];

  it('reads the title, then the left column, then the right one', () => {
    expect(xyCutOrder(page, { minGapX: 10, minGapY: 12 })).toEqual([3, 4, 5, 6, 0, 1, 2]);
  });

  it('builds a tree of bands and columns', () => {
    const tree = xyCut(page, { minGapX: 10, minGapY: 12 });
    expect(tree?.kind).toBe('split');
    if (tree?.kind === 'split') {
      expect(tree.axis).toBe('y');
      expect(tree.children.map((child) => (child.kind === 'split' ? child.axis : 'leaf'))).toEqual(['leaf', 'x']);
    }
    expect(xyCut([], { minGapX: 1, minGapY: 1 })).toBeUndefined();
  });

  it('stops at maxDepth', () => {
    const tree = xyCut(page, { minGapX: 10, minGapY: 12, maxDepth: 0 });
    expect(tree?.kind).toBe('leaf');
  });

  test.prop([fc.array(gridBoxArb, { maxLength: 40 }), fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 5 })])(
    'reading order is a permutation',
    (boxes, minGapX, minGapY) => {
      expect(isPermutation(xyCutOrder(boxes, { minGapX, minGapY }), boxes.length)).toBe(true);
    },
  );
});
