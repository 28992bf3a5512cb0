/**
 * Segmentation must stay O(n log n) per page. No timing: the page passes count their steps (pair scans, peeling
 * rounds) in `segmentWork`, and the count may grow at most a little faster than the lines. Eight times the lines
 * cost at most sixteen times the steps here; a quadratic pass would cost sixty-four times.
 */
import { describe, expect, it } from 'vitest';
import { loadTextractDocument } from '../../../../src/textract/model/loadTextractDocument.js';
import { ParagraphSegmenter } from '../../../../src/textract/segment/ParagraphSegmenter.js';
import { segmentWork } from '../../../../src/textract/segment/segmentWork.js';
import { type SyntheticLine, syntheticResponse } from './synthetic.js';

const SHAPES: Record<string, (n: number) => SyntheticLine[]> = {
  // n lines stacked down one page, each a little shorter than its pitch.
  stacked: (n) =>
    Array.from({ length: n }, (_, i) => ({
      text: `line ${i} of the stack`,
      left: 0.1,
      top: 0.05 + (0.9 * i) / n,
      width: 0.3,
      height: (0.72 / n) * 1,
    })),
  // n lines all at one position (the worst case for pair scans by row).
  onOneSpot: (n) =>
    Array.from({ length: n }, (_, i) => ({ text: `line ${i} here`, left: 0.1, top: 0.5, width: 0.3, height: 0.02 })),
  // A grid of short numbers, 20 columns, rows growing with n.
  grid: (n) =>
    Array.from({ length: n }, (_, i) => ({
      text: `${i % 20}`,
      left: 0.02 + (i % 20) * 0.048,
      top: 0.02 + Math.floor(i / 20) * (0.96 / (n / 20)),
      width: 0.01,
      height: (0.4 * 0.96) / (n / 20),
    })),
};

function stepsFor(lines: SyntheticLine[]): { steps: number; lineCount: number } {
  const document = loadTextractDocument(syntheticResponse(lines));
  segmentWork.steps = 0;
  const segments = new ParagraphSegmenter({ useLayout: 'ignore' }).segment(document);
  const lineCount = segments.reduce((sum, s) => sum + s.lines.length, 0);
  return { steps: segmentWork.steps, lineCount };
}

describe('ParagraphSegmenter work per page', () => {
  for (const [shape, build] of Object.entries(SHAPES)) {
    it(`grows no faster than n log n for ${shape} lines`, () => {
      const small = stepsFor(build(1000));
      const large = stepsFor(build(8000));
      // Every line still comes out exactly once.
      expect(small.lineCount).toBe(1000);
      expect(large.lineCount).toBe(8000);
      // Each line is visited at least once, so the counter is live.
      expect(small.steps).toBeGreaterThanOrEqual(1000);
      expect(large.steps).toBeLessThanOrEqual(16 * small.steps);
    }, 60_000);
  }
});
