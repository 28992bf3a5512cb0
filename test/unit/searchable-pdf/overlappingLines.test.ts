import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import type { PlacedLine } from '../../../src/searchable-pdf/index.js';
import { LINE_BOX_PROFILES } from '../../../src/searchable-pdf/lineBoxProfiles.js';
import { drawingOrder, gluesAfter, separateOverlappingLines } from '../../../src/searchable-pdf/overlappingLines.js';

const PROFILE = LINE_BOX_PROFILES[0] as PlacedLine['profile'];

/** A level line of `widths` words starting at x, on baseline y, 10 pt font, 2 pt gaps. */
function line(x: number, y: number, widths: readonly number[]): PlacedLine {
  let offset = 0;
  const words = widths.map((w) => {
    const word = { clusters: ['a'], offsetPt: offset, widthPt: w, ocrWidthPt: w, spaceWidthPt: 2, risePt: 0 };
    offset += w + 2;
    return word;
  });
  return { originXPt: x, originYPt: y, cos: 1, sin: 0, fontSizePt: 10, profile: PROFILE, lengthPt: offset - 2, words };
}

describe('overlapping lines', () => {
  const label = line(100, 500, [40, 50]); // ends at 192
  const value = line(170, 501, [30]); // starts inside the label's last word
  const nextRow = line(100, 470, [60]);

  it('knows which pairs pdf.js glues: same baseline, the second starting left of the first end', () => {
    expect(gluesAfter(label, value)).toBe(true);
    expect(gluesAfter(label, line(200, 500, [20]))).toBe(false); // starts after the end: a space
    expect(gluesAfter(label, nextRow)).toBe(false); // another baseline: a line break
    expect(gluesAfter(label, { ...value, cos: 0, sin: 1 })).toBe(false); // another direction
  });

  it('draws a line on another baseline between two that would glue, keeping OCR order otherwise', () => {
    expect(drawingOrder([label, value, nextRow])).toEqual([label, nextRow, value]);
    expect(drawingOrder([label, nextRow, value])).toEqual([label, nextRow, value]);
    // Nothing left to put between them: the waiting line goes where it separates, else at the end.
    expect(drawingOrder([nextRow, label, value])).toEqual([value, nextRow, label]);
    expect(drawingOrder([label, value])).toEqual([label, value]);
  });

  it('narrows only the word that straddles the start of the overlapping line, to ≥ 30 % of its width', () => {
    const [narrowed, same] = separateOverlappingLines([label, value], 0.17);
    expect(same).toBe(value);
    const last = narrowed?.words[1];
    expect(last?.widthPt).toBeCloseTo(170 - 1.7 - 142, 6); // ends one minimum gap before the value starts
    expect(last?.offsetPt).toBe(42);
    expect(last?.ocrWidthPt).toBe(50);
    expect(narrowed?.words[0]).toBe(label.words[0]);
    // A line twice as tall (a handwritten word over a printed label) is kept apart by poppler on its own.
    expect(separateOverlappingLines([label, { ...value, fontSizePt: 20 }], 0.17)[0]).toBe(label);
    const deep = separateOverlappingLines([label, line(150, 500, [30])], 0.17)[0];
    expect(deep?.words[1]?.widthPt).toBeCloseTo(15, 6);
  });

  test.prop([fc.array(fc.tuple(fc.integer({ min: 0, max: 500 }), fc.integer({ min: 0, max: 20 })), { maxLength: 30 })])(
    'draws every line exactly once (property)',
    (specs) => {
      const lines = specs.map(([x, row]) => line(x, 700 - row * 5, [20, 30]));
      const order = drawingOrder(lines);
      expect(order).toHaveLength(lines.length);
      expect(new Set(order)).toEqual(new Set(lines));
      expect(separateOverlappingLines(lines, 0.17)).toHaveLength(lines.length);
    },
  );
});
