import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { isValidationError } from '../../../src/kit/errors.js';
import {
  type TesseractPageLike,
  type TesseractWordLike,
  tesseractBlockId,
  tesseractToBlocks,
} from '../../../src/ocr/tesseractToBlocks.js';
import type { TextractBlockLike } from '../../../src/textract/model/TextractBlockLike.js';

const word = (text: string, x0: number, y0: number, x1: number, y1: number, confidence = 90): TesseractWordLike => ({
  text,
  confidence,
  bbox: { x0, y0, x1, y1 },
});

const pageOf = (...lines: TesseractWordLike[][]): TesseractPageLike => ({
  blocks: [{ paragraphs: [{ lines: lines.map((words) => ({ words, confidence: 80 })) }] }],
});

const byType = (blocks: readonly TextractBlockLike[], type: string) => blocks.filter((b) => b.BlockType === type);
const childIds = (block: TextractBlockLike | undefined) =>
  block?.Relationships?.filter((r) => r.Type === 'CHILD').flatMap((r) => r.Ids ?? []) ?? [];

describe('Function: tesseractBlockId', () => {
  it('numbers pages, lines and words from 1 in a fixed pattern', () => {
    expect(tesseractBlockId(1)).toBe('tesseract-p1');
    expect(tesseractBlockId(2, 5)).toBe('tesseract-p2-l5');
    expect(tesseractBlockId(2, 5, 1)).toBe('tesseract-p2-l5-w1');
  });
});

describe('Function: tesseractToBlocks', () => {
  it('maps a page with one line of two words to PAGE, LINE and WORD blocks', () => {
    // Prepare
    const page = pageOf([word('Hello', 10, 20, 60, 40, 96.5), word('world', 70, 22, 130, 44, 91)]);

    // Act
    const { blocks, stats } = tesseractToBlocks(page, { pageNumber: 3, widthPx: 200, heightPx: 100 });

    // Assert
    expect(blocks.map((b) => b.BlockType)).toEqual(['PAGE', 'LINE', 'WORD', 'WORD']);
    const [pageBlock, line, first, second] = blocks;
    expect(pageBlock).toMatchObject({
      Id: 'tesseract-p3',
      Page: 3,
      Geometry: { BoundingBox: { Left: 0, Top: 0, Width: 1, Height: 1 } },
    });
    expect(childIds(pageBlock)).toEqual(['tesseract-p3-l1']);
    expect(line).toMatchObject({ Id: 'tesseract-p3-l1', Page: 3, Text: 'Hello world', Confidence: 80 });
    expect(line?.Geometry?.BoundingBox).toEqual({ Left: 0.05, Top: 0.2, Width: 0.6, Height: 0.24 });
    expect(childIds(line)).toEqual(['tesseract-p3-l1-w1', 'tesseract-p3-l1-w2']);
    expect(first).toMatchObject({
      Id: 'tesseract-p3-l1-w1',
      Text: 'Hello',
      TextType: 'PRINTED',
      Confidence: 96.5,
      Page: 3,
    });
    expect(first?.Geometry?.BoundingBox).toEqual({ Left: 0.05, Top: 0.2, Width: 0.25, Height: 0.2 });
    expect(first?.Geometry?.Polygon).toEqual([
      { X: 0.05, Y: 0.2 },
      { X: 0.3, Y: 0.2 },
      { X: 0.3, Y: 0.4 },
      { X: 0.05, Y: 0.4 },
    ]);
    expect(second?.Text).toBe('world');
    expect(stats).toEqual({ lines: 1, words: 2, emptyWords: 0, invalidBoxes: 0, clippedBoxes: 0 });
  });

  it('numbers lines across blocks and paragraphs in reading order', () => {
    const page: TesseractPageLike = {
      blocks: [
        {
          paragraphs: [
            { lines: [{ words: [word('a', 0, 0, 5, 5)] }] },
            { lines: [{ words: [word('b', 0, 10, 5, 15)] }] },
          ],
        },
        { paragraphs: [{ lines: [{ words: [word('c', 0, 20, 5, 25)] }] }] },
      ],
    };
    const { blocks } = tesseractToBlocks(page, { pageNumber: 1, widthPx: 10, heightPx: 30 });
    expect(byType(blocks, 'LINE').map((b) => [b.Id, b.Text])).toEqual([
      ['tesseract-p1-l1', 'a'],
      ['tesseract-p1-l2', 'b'],
      ['tesseract-p1-l3', 'c'],
    ]);
  });

  it('skips empty words and lines left empty, and counts them', () => {
    const page = pageOf(
      [word(' ', 0, 0, 5, 5), word('kept', 10, 0, 20, 5), word('', 30, 0, 40, 5)],
      [word('  ', 0, 10, 5, 15)],
    );
    const { blocks, stats } = tesseractToBlocks(page, { pageNumber: 1, widthPx: 50, heightPx: 20 });
    expect(byType(blocks, 'WORD').map((b) => [b.Id, b.Text])).toEqual([['tesseract-p1-l1-w1', 'kept']]);
    expect(byType(blocks, 'LINE')).toHaveLength(1);
    expect(stats.emptyWords).toBe(3);
  });

  it('drops words without a usable box and clips boxes reaching outside the image', () => {
    const page = pageOf([
      { text: 'nobox', confidence: 50 },
      word('nan', Number.NaN, 0, 5, 5),
      word('flat', 5, 5, 9, 5),
      word('outside', 120, 0, 130, 5),
      word('edge', 90, -4, 110, 8),
    ]);
    const { blocks, stats } = tesseractToBlocks(page, { pageNumber: 1, widthPx: 100, heightPx: 10 });
    const words = byType(blocks, 'WORD');
    expect(words.map((b) => b.Text)).toEqual(['edge']);
    expect(words[0]?.Geometry?.BoundingBox).toEqual({ Left: 0.9, Top: 0, Width: 0.09999999999999998, Height: 0.8 });
    expect(stats).toMatchObject({ invalidBoxes: 4, clippedBoxes: 1, words: 1 });
  });

  it('orders swapped box corners and clamps confidence to 0–100', () => {
    const page = pageOf([
      word('a', 20, 10, 10, 0, 140),
      word('b', 30, 0, 40, 10, -3),
      { text: 'c', bbox: { x0: 50, y0: 0, x1: 60, y1: 10 } },
    ]);
    const { blocks } = tesseractToBlocks(page, { pageNumber: 1, widthPx: 100, heightPx: 10 });
    const words = byType(blocks, 'WORD');
    expect(words.map((b) => b.Confidence)).toEqual([100, 0, 0]);
    expect(words[0]?.Geometry?.BoundingBox).toEqual({ Left: 0.1, Top: 0, Width: 0.1, Height: 1 });
  });

  it('uses the mean word confidence when the line has none', () => {
    const page: TesseractPageLike = {
      blocks: [{ paragraphs: [{ lines: [{ words: [word('a', 0, 0, 5, 5, 60), word('b', 6, 0, 9, 5, 90)] }] }] }],
    };
    const { blocks } = tesseractToBlocks(page, { pageNumber: 1, widthPx: 10, heightPx: 10 });
    expect(byType(blocks, 'LINE')[0]?.Confidence).toBe(75);
  });

  it('turns polygons along a skewed baseline, tight around the characters, keeping the axis-aligned box', () => {
    // A line rising 3° to the right (y grows downwards): two words of two characters each.
    const rad = (-3 * Math.PI) / 180;
    const glyph = (x: number) => {
      const y = 100 + x * Math.tan(rad);
      return { bbox: { x0: x, y0: Math.round(y - 20), x1: x + 18, y1: Math.round(y) } };
    };
    const wordOf = (text: string, chars: { bbox: { x0: number; y0: number; x1: number; y1: number } }[]) => ({
      text,
      confidence: 90,
      bbox: {
        x0: Math.min(...chars.map((c) => c.bbox.x0)),
        y0: Math.min(...chars.map((c) => c.bbox.y0)),
        x1: Math.max(...chars.map((c) => c.bbox.x1)),
        y1: Math.max(...chars.map((c) => c.bbox.y1)),
      },
      symbols: chars,
    });
    const baseline = { x0: 100, y0: 100, x1: 198, y1: Math.round(100 + 98 * Math.tan(rad)) };
    const words = [wordOf('ab', [glyph(100), glyph(120)]), wordOf('cd', [glyph(160), glyph(180)])];
    const page: TesseractPageLike = { blocks: [{ paragraphs: [{ lines: [{ baseline, words }] }] }] };

    const { blocks } = tesseractToBlocks(page, { pageNumber: 1, widthPx: 300, heightPx: 200 });

    for (const block of [...byType(blocks, 'LINE'), ...byType(blocks, 'WORD')]) {
      const [p0, p1, , p3] = (block.Geometry?.Polygon ?? []).map((p) => ({ x: (p.X ?? 0) * 300, y: (p.Y ?? 0) * 200 }));
      const angleDeg = (Math.atan2((p1?.y ?? 0) - (p0?.y ?? 0), (p1?.x ?? 0) - (p0?.x ?? 0)) * 180) / Math.PI;
      expect(angleDeg).toBeCloseTo(-3, 0);
      // Tight: about one glyph high (20 px), less than the axis-aligned box, which the skew inflates.
      const heightPx = Math.hypot((p3?.x ?? 0) - (p0?.x ?? 0), (p3?.y ?? 0) - (p0?.y ?? 0));
      expect(heightPx).toBeLessThan(23);
      expect((block.Geometry?.BoundingBox?.Height ?? 0) * 200).toBeGreaterThan(heightPx);
    }
  });

  it('keeps polygons axis-aligned when the baseline is level within rounding', () => {
    const baseline = { x0: 0, y0: 50, x1: 600, y1: 51 };
    const page: TesseractPageLike = {
      blocks: [{ paragraphs: [{ lines: [{ baseline, words: [word('level', 0, 30, 600, 50)] }] }] }],
    };
    const { blocks } = tesseractToBlocks(page, { pageNumber: 1, widthPx: 600, heightPx: 100 });
    expect(byType(blocks, 'WORD')[0]?.Geometry?.Polygon).toEqual([
      { X: 0, Y: 0.3 },
      { X: 1, Y: 0.3 },
      { X: 1, Y: 0.5 },
      { X: 0, Y: 0.5 },
    ]);
  });

  it('returns a PAGE without children for a page without text (blocks null)', () => {
    const { blocks, stats } = tesseractToBlocks({ blocks: null }, { pageNumber: 2, widthPx: 10, heightPx: 10 });
    expect(blocks).toEqual([
      expect.objectContaining({ BlockType: 'PAGE', Id: 'tesseract-p2', Page: 2, Relationships: [] }),
    ]);
    expect(stats.lines).toBe(0);
  });

  it('rejects a page size or page number that is not a positive integer', () => {
    for (const info of [
      { pageNumber: 1, widthPx: 0, heightPx: 10 },
      { pageNumber: 1, widthPx: 10, heightPx: Number.NaN },
      { pageNumber: 0, widthPx: 10, heightPx: 10 },
    ]) {
      let caught: unknown;
      try {
        tesseractToBlocks({ blocks: [] }, info);
      } catch (error) {
        caught = error;
      }
      expect(isValidationError(caught)).toBe(true);
    }
  });

  const coordinate = fc.double({ min: -50, max: 450, noNaN: true });
  const arbitraryWord = fc.record({
    text: fc.oneof(fc.constantFrom('', ' ', 'a', 'word', 'PHI', '€5'), fc.string({ maxLength: 6 })),
    confidence: fc.oneof(fc.double({ min: -10, max: 110, noNaN: true }), fc.constant(undefined)),
    bbox: fc.oneof(
      fc.record({ x0: coordinate, y0: coordinate, x1: coordinate, y1: coordinate }),
      fc.constant(undefined),
    ),
  });
  const arbitraryBox = fc.record({ x0: coordinate, y0: coordinate, x1: coordinate, y1: coordinate });
  const arbitrarySymbol = fc.record({ bbox: fc.oneof(arbitraryBox, fc.constant(undefined)) });
  const arbitraryLine = fc.record({
    words: fc.array(
      fc.tuple(arbitraryWord, fc.array(arbitrarySymbol, { maxLength: 3 })).map(([w, symbols]) => ({ ...w, symbols })),
      { maxLength: 6 },
    ),
    // Mostly near-level baselines, as Tesseract reports them, sometimes anything.
    baseline: fc.oneof(
      fc.record({ x0: fc.constant(0), y0: coordinate, x1: fc.constant(300), y1: coordinate }),
      arbitraryBox,
      fc.constant(undefined),
    ),
  });
  const arbitraryPage = fc.record({
    blocks: fc.array(
      fc.record({
        paragraphs: fc.array(
          fc.record({
            lines: fc.array(arbitraryLine, { maxLength: 4 }),
          }),
          { maxLength: 3 },
        ),
      }),
      { maxLength: 3 },
    ),
  });
  const arbitraryInfo = fc.record({
    pageNumber: fc.integer({ min: 1, max: 500 }),
    widthPx: fc.integer({ min: 1, max: 400 }),
    heightPx: fc.integer({ min: 1, max: 400 }),
  });

  test.prop([arbitraryPage, arbitraryInfo])('keeps every geometry inside the page (0–1)', (page, info) => {
    const { blocks } = tesseractToBlocks(page, info);
    for (const block of blocks) {
      const box = block.Geometry?.BoundingBox;
      for (const value of [box?.Left, box?.Top, box?.Width, box?.Height]) {
        expect(value).toBeGreaterThanOrEqual(0);
        expect(value).toBeLessThanOrEqual(1);
      }
      expect((box?.Left ?? 0) + (box?.Width ?? 0)).toBeLessThanOrEqual(1 + 1e-12);
      expect((box?.Top ?? 0) + (box?.Height ?? 0)).toBeLessThanOrEqual(1 + 1e-12);
      for (const point of block.Geometry?.Polygon ?? []) {
        expect(point.X).toBeGreaterThanOrEqual(0);
        expect(point.X).toBeLessThanOrEqual(1);
        expect(point.Y).toBeGreaterThanOrEqual(0);
        expect(point.Y).toBeLessThanOrEqual(1);
      }
    }
  });

  test.prop([arbitraryPage, arbitraryInfo])(
    'makes every WORD the child of exactly one LINE, inside it',
    (page, info) => {
      const { blocks } = tesseractToBlocks(page, info);
      const words = byType(blocks, 'WORD');
      const lines = byType(blocks, 'LINE');
      const parents = new Map<string, number>();
      for (const line of lines) for (const id of childIds(line)) parents.set(id, (parents.get(id) ?? 0) + 1);
      for (const w of words) expect(parents.get(w.Id ?? '')).toBe(1);
      expect([...parents.keys()].sort()).toEqual(words.map((w) => w.Id).sort());
      const lineById = new Map(lines.map((l) => [l.Id, l]));
      for (const line of lines) {
        const texts = childIds(line).map((id) => words.find((w) => w.Id === id)?.Text);
        expect(line.Text).toBe(texts.join(' '));
        expect(lineById.get(line.Id)).toBe(line);
      }
      expect(childIds(byType(blocks, 'PAGE')[0])).toEqual(lines.map((l) => l.Id));
    },
  );

  test.prop([arbitraryPage, arbitraryInfo])(
    'gives unique ids, non-empty text, confidences in 0–100 and the page number',
    (page, info) => {
      const { blocks, stats } = tesseractToBlocks(page, info);
      const ids = blocks.map((b) => b.Id);
      expect(new Set(ids).size).toBe(ids.length);
      for (const block of blocks) {
        expect(block.Page).toBe(info.pageNumber);
        if (block.BlockType === 'PAGE') continue;
        expect(block.Text?.trim()).not.toBe('');
        expect(block.Confidence).toBeGreaterThanOrEqual(0);
        expect(block.Confidence).toBeLessThanOrEqual(100);
      }
      const total = (page.blocks ?? []).flatMap((b) =>
        b.paragraphs.flatMap((p) => p.lines.flatMap((l) => l.words)),
      ).length;
      expect(stats.words + stats.emptyWords + stats.invalidBoxes).toBe(total);
    },
  );

  test.prop([arbitraryPage, arbitraryInfo])('is deterministic', (page, info) => {
    expect(tesseractToBlocks(page, info)).toEqual(tesseractToBlocks(page, info));
  });
});
