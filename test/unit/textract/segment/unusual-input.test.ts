import { describe, expect, it } from 'vitest';
import { isValidationError } from '../../../../src/kit/errors.js';
import type { TextractResponseLike } from '../../../../src/textract/model/TextractBlockLike.js';
import {
  type InputLine,
  ParagraphSegmenter,
  SEGMENTER_MODES,
  type Segment,
  type SegmentInput,
  toSegmentInput,
} from '../../../../src/textract/segment/index.js';
import { loadFixture } from './fixtures.js';
import { syntheticResponse } from './synthetic.js';

const heuristic = new ParagraphSegmenter({ useLayout: 'ignore' });
const lineTexts = (segments: readonly Segment[]) => segments.flatMap((s) => s.lines.map((l) => l.text));

/** Every mode keeps every line exactly once. */
function expectPartition(document: TextractResponseLike | SegmentInput): void {
  const expected = toSegmentInput(document).pages.flatMap((p) => p.lines.map((l) => l.id));
  for (const mode of SEGMENTER_MODES) {
    const ids = new ParagraphSegmenter({ mode }).segment(document).flatMap((s) => s.lines.map((l) => l.id));
    expect(ids.sort(), mode).toEqual([...expected].sort());
  }
}

describe('ParagraphSegmenter on unusual input', () => {
  it('gives no segments for an empty page, and one paragraph for a one-line page', () => {
    expect(heuristic.segment(syntheticResponse([], 1))).toEqual([]);
    const one = heuristic.segment(syntheticResponse([{ text: 'Just one line here.', left: 0.1, top: 0.5 }]));
    expect(one.map((s) => [s.role, s.text])).toEqual([['paragraph', 'Just one line here.']]);
  });

  it('keeps lines without WORD children and lines without text', () => {
    const response = syntheticResponse([
      { text: 'A line without words', left: 0.1, top: 0.3, width: 0.5 },
      { text: 'and another one.', left: 0.1, top: 0.325, width: 0.3 },
      { text: '', left: 0.1, top: 0.35, width: 0.01 },
    ]);
    response.Blocks = (response.Blocks ?? [])
      .filter((b) => b.BlockType !== 'WORD')
      .map((b) => (b.BlockType === 'LINE' ? { ...b, Relationships: [] } : b));
    expectPartition(response);
  });

  it('handles very small and very large type alike (every threshold is relative)', () => {
    const lines = (scale: number) =>
      syntheticResponse([
        { text: 'The first paragraph runs over', left: 0.1, top: 0.3, width: 0.4 * scale, height: 0.02 * scale },
        { text: 'two lines.', left: 0.1, top: 0.3 + 0.025 * scale, width: 0.15 * scale, height: 0.02 * scale },
        {
          text: 'A second one after a gap.',
          left: 0.1,
          top: 0.3 + 0.1 * scale,
          width: 0.35 * scale,
          height: 0.02 * scale,
        },
      ]);
    const shape = (segments: readonly Segment[]) => segments.map((s) => s.lines.length);
    expect(shape(heuristic.segment(lines(1)))).toEqual([2, 1]);
    expect(shape(heuristic.segment(lines(0.1)))).toEqual([2, 1]);
    expect(shape(heuristic.segment(lines(2)))).toEqual([2, 1]);
  });

  it('places a second line that reuses an id (prepared input) instead of dropping either', () => {
    const [page] = toSegmentInput(
      syntheticResponse([
        { text: 'one', left: 0.1, top: 0.3 },
        { text: 'two', left: 0.1, top: 0.4 },
      ]),
    ).pages;
    const first = page!.lines[0]!;
    const input: SegmentInput = {
      pages: [
        {
          ...page!,
          lines: [...page!.lines, { ...page!.lines[1]!, text: 'three', id: first.id }],
          layout: [
            {
              id: 'layout-1',
              type: 'LAYOUT_TEXT',
              confidence: 90,
              bbox: { left: 0, top: 0, width: 1, height: 1 },
              lineIds: page!.lines.map((l) => l.id),
              items: [],
            },
          ],
        },
      ],
    };
    for (const mode of ['layout', 'auto'] as const) {
      expect(lineTexts(new ParagraphSegmenter({ mode }).segment(input)).sort()).toEqual(['one', 'three', 'two']);
    }
  });

  it('reads right-to-left pages from the right edge (mirrored frame): a short last line ends its paragraph', () => {
    // Right-aligned lines of Arabic text; the second paragraph's first word would have fitted on the short line.
    const page = syntheticResponse([
      { text: 'هذا سطر عربي طويل في الفقرة الأولى', left: 0.1, top: 0.3, width: 0.8 },
      { text: 'وينتهي هنا؟', left: 0.6, top: 0.325, width: 0.3 },
      { text: 'فقرة ثانية تبدأ هنا وتستمر', left: 0.1, top: 0.35, width: 0.8 },
      { text: 'حتى النهاية.', left: 0.6, top: 0.375, width: 0.3 },
    ]);
    expect(heuristic.segment(page).map((s) => s.lines.length)).toEqual([2, 2]);
    expect(heuristic.explain(page).map((b) => [b.reason, b.alignment])).toEqual([
      ['none', 'left'],
      ['firstWordFits', 'left'],
      ['none', 'left'],
    ]);
  });

  it('breaks after Devanagari and CJK sentence ends like after a full stop', () => {
    const page = syntheticResponse([
      { text: 'यह पहला वाक्य है जो लंबा है', left: 0.1, top: 0.3, width: 0.8 },
      { text: 'और यहाँ खत्म।', left: 0.1, top: 0.325, width: 0.3 },
      { text: 'दूसरा अनुच्छेद यहाँ से शुरू', left: 0.1, top: 0.35, width: 0.8 },
    ]);
    expect(heuristic.segment(page).map((s) => s.lines.length)).toEqual([2, 1]);
  });

  it('takes LAYOUT and TABLE blocks without geometry (an empty figure gets a zero box)', () => {
    const response = loadFixture('05-paystub-layout/paystub-response.json');
    const blocks = (response.Blocks ?? []).map((b) => ({ ...b }));
    const figure = blocks.find((b) => b.BlockType === 'LAYOUT_FIGURE' && (b.Relationships ?? []).length === 0)!;
    const table = blocks.find((b) => b.BlockType === 'TABLE')!;
    delete figure.Geometry;
    delete table.Geometry;
    const byLayout = new ParagraphSegmenter({ mode: 'layout' }).segment({ Blocks: blocks });
    expect(byLayout.find((s) => s.layoutId === figure.Id)?.bbox).toEqual({ left: 0, top: 0, width: 0, height: 0 });
    expectPartition({ Blocks: blocks });
  });

  describe('prepared input (lines from another engine)', () => {
    const [page] = toSegmentInput(
      syntheticResponse([
        { text: 'The first line of a paragraph', left: 0.1, top: 0.3, width: 0.6 },
        { text: 'goes on here and', left: 0.1, top: 0.325, width: 0.3 },
        { text: 'ends on this line.', left: 0.1, top: 0.35, width: 0.3 },
      ]),
    ).pages;
    const withLines = (map: (line: InputLine, index: number) => unknown): SegmentInput =>
      ({ pages: [{ ...page!, lines: page!.lines.map(map) }] }) as SegmentInput;

    it('places a line without a usable polygon by its box', () => {
      for (const polygon of [[], page!.lines[1]!.polygon.map((p) => ({ x: Number.NaN, y: p.y }))]) {
        const input = withLines((line, i) => (i === 1 ? { ...line, polygon } : line));
        expect(heuristic.segment(input).map((s) => s.lines.length)).toEqual([3]);
      }
    });

    it('names the first malformed field with a ValidationError, never a TypeError', () => {
      const broken: [string, SegmentInput][] = [
        ['lines[1].words', withLines((line, i) => (i === 1 ? { ...line, words: undefined } : line))],
        [
          'lines[0].bbox',
          withLines((line, i) => (i === 0 ? { ...line, bbox: { ...line.bbox, top: Number.NaN } } : line)),
        ],
        ['lines[2].id', withLines((line, i) => (i === 2 ? { ...line, id: 7 } : line))],
        ['lines[0].text', withLines((line) => ({ ...line, text: null }))],
        ['lines[0].polygon', withLines((line) => ({ ...line, polygon: 'none' }))],
        ['tables', { pages: [{ ...page!, tables: undefined }] } as unknown as SegmentInput],
        ['keyValueLineIds', { pages: [{ ...page!, keyValueLineIds: [] }] } as unknown as SegmentInput],
      ];
      for (const [field, input] of broken) {
        let error: unknown;
        try {
          heuristic.segment(input);
        } catch (e) {
          error = e;
        }
        expect(isValidationError(error), field).toBe(true);
        expect((error as { field: string }).field).toBe(`document.pages[0].${field}`);
      }
    });
  });
});
