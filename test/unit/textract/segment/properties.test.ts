import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { ParagraphSegmenter, SEGMENTER_MODES, type SegmenterMode } from '../../../../src/textract/segment/index.js';
import { loadFixture } from './fixtures.js';
import { type SyntheticLine, shuffled, syntheticResponse } from './synthetic.js';

const WORDS = ['alpha', 'beta', 'Gamma', 'delta.', '1.', 'Total', '42', 'end.', 'and', '•', 'Page', 'x'];

const line = (pages: number) =>
  fc.record({
    words: fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 8 }),
    left: fc.double({ min: 0, max: 0.8, noNaN: true }),
    top: fc.double({ min: 0, max: 0.95, noNaN: true }),
    height: fc.double({ min: 0.005, max: 0.05, noNaN: true }),
    page: fc.integer({ min: 1, max: pages }),
  });

const pageSet = fc
  .integer({ min: 1, max: 3 })
  .chain((pages) =>
    fc.record({ pages: fc.constant(pages), lines: fc.array(line(pages), { minLength: 0, maxLength: 40 }) }),
  );

function toLines(lines: readonly { words: string[]; left: number; top: number; height: number; page: number }[]) {
  return lines.map(
    (l): SyntheticLine => ({
      text: l.words.join(' '),
      left: l.left,
      top: l.top,
      height: l.height,
      width: Math.min(0.012 * l.words.join(' ').length, 1 - l.left),
      page: l.page,
    }),
  );
}

const modes = fc.constantFrom<SegmenterMode>(...SEGMENTER_MODES);

describe('ParagraphSegmenter invariants', () => {
  test.prop([pageSet, modes])('output is a partition of the input lines', ({ pages, lines }, mode) => {
    const response = syntheticResponse(toLines(lines), pages);
    const segments = new ParagraphSegmenter({ mode }).segment(response);
    const ids = segments.flatMap((s) => s.lines.map((l) => l.id));
    expect(ids.sort()).toEqual(lines.map((_, i) => `line-${i}`).sort());
    for (const s of segments) for (const l of s.lines) expect(l.page).toBe(s.page);
  });

  test.prop([pageSet, modes])('reading order is a permutation, page by page', ({ pages, lines }, mode) => {
    const segments = new ParagraphSegmenter({ mode }).segment(syntheticResponse(toLines(lines), pages));
    expect(segments.map((s) => s.readingOrder)).toEqual(segments.map((_, i) => i));
    const pageOrder = segments.map((s) => s.page);
    expect(pageOrder).toEqual([...pageOrder].sort((a, b) => a - b));
  });

  test.prop([pageSet, fc.integer({ min: 1, max: 1_000_000 })])(
    'shuffling Blocks does not change the result',
    ({ pages, lines }, seed) => {
      const response = syntheticResponse(toLines(lines), pages);
      const segmenter = new ParagraphSegmenter({ useLayout: 'ignore' });
      const shuffledResponse = { ...response, Blocks: shuffled(response.Blocks ?? [], seed) };
      expect(segmenter.segment(shuffledResponse)).toEqual(segmenter.segment(response));
    },
  );

  test.prop([pageSet])('every segment has text made of its lines and a box around them', ({ pages, lines }) => {
    const segments = new ParagraphSegmenter({ useLayout: 'ignore' }).segment(syntheticResponse(toLines(lines), pages));
    for (const s of segments) {
      expect(s.text).toBe(s.lines.map((l) => l.text).join(' '));
      for (const l of s.lines) {
        expect(l.bbox.left).toBeGreaterThanOrEqual(s.bbox.left - 1e-9);
        expect(l.bbox.top + l.bbox.height).toBeLessThanOrEqual(s.bbox.top + s.bbox.height + 1e-9);
      }
      expect(s.confidence).toBeGreaterThanOrEqual(0);
      expect(s.confidence).toBeLessThanOrEqual(1);
    }
  });
});

describe('ParagraphSegmenter on shuffled real responses', () => {
  const fixtures = [
    '05-paystub-layout/paystub-response.json',
    '17-rotated-json-only/gib__10_degrees.json',
    '19-multipage-3p-json-only/gib_multi_page_table_merge.json',
  ];
  test.prop([fc.constantFrom(...fixtures), fc.integer({ min: 1, max: 1_000_000 })], { numRuns: 6 })(
    'gives the same segments whatever the block order, in both modes',
    (path, seed) => {
      const response = loadFixture(path);
      const shuffledResponse = { ...response, Blocks: shuffled(response.Blocks ?? [], seed) };
      for (const segmenter of [new ParagraphSegmenter({ useLayout: 'ignore' }), new ParagraphSegmenter()]) {
        expect(segmenter.segment(shuffledResponse)).toEqual(segmenter.segment(response));
      }
    },
  );
});
