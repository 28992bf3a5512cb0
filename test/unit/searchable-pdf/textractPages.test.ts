import { describe, expect, it } from 'vitest';
import { isValidationError } from '../../../src/kit/errors.js';
import { textractPages } from '../../../src/searchable-pdf/textractPages.js';
import { syntheticTextract, wordsOf } from './helpers.js';

const polygon = (left: number, top: number, width: number, height: number) => [
  { X: left, Y: top },
  { X: left + width, Y: top },
  { X: left + width, Y: top + height },
  { X: left, Y: top + height },
];

describe('textractPages', () => {
  it('groups lines of words by Block.Page, across paginated responses', () => {
    const { Blocks } = syntheticTextract([[wordsOf('one two')], [wordsOf('three')]]);
    const pages = textractPages([
      { Blocks: Blocks.filter((b) => b.Page === 2), DocumentMetadata: { Pages: 3 } },
      { Blocks: Blocks.filter((b) => b.Page === 1) },
    ]);
    expect(pages.pageNumbers).toEqual([1, 2]);
    expect(pages.pageCount).toBe(3); // DocumentMetadata.Pages wins when larger
    expect(pages.page(1)?.lines[0]?.words.map((w) => w.text)).toEqual(['one', 'two']);
    expect(pages.page(2)?.lines[0]?.words.map((w) => w.text)).toEqual(['three']);
    expect(pages.page(3)).toBeUndefined();
    expect(pages.skipped).toEqual({});
  });

  it('accepts an OcrEngine result and a bare Blocks array', () => {
    const { Blocks } = syntheticTextract([[wordsOf('a b')]]);
    expect(textractPages({ blocks: Blocks }).page(1)?.lines[0]?.words).toHaveLength(2);
    expect(textractPages(Blocks).page(1)?.lines[0]?.words).toHaveLength(2);
  });

  it('takes the box from the polygon when a block has no BoundingBox', () => {
    const { Blocks } = syntheticTextract([[wordsOf('a')]]);
    const noBoxes = Blocks.map((b) =>
      b.BlockType === 'WORD' ? { ...b, Geometry: { Polygon: polygon(0.1, 0.2, 0.3, 0.05) } } : b,
    );
    const word = textractPages({ Blocks: noBoxes }).page(1)?.lines[0]?.words[0];
    expect(word?.box.left).toBeCloseTo(0.1);
    expect(word?.box.top).toBeCloseTo(0.2);
    expect(word?.box.width).toBeCloseTo(0.3);
    expect(word?.box.height).toBeCloseTo(0.05);
  });

  it('counts lines without geometry, dangling word ids, words without geometry and bad page numbers', () => {
    const { Blocks } = syntheticTextract([[wordsOf('a b'), wordsOf('c')]]);
    const broken = Blocks.flatMap((b): unknown[] => {
      if (b.Id === 'p1l1') return [{ ...b, Geometry: { BoundingBox: { Left: 'x' } } }];
      if (b.Id === 'p1l0w0') return [{ ...b, Geometry: {} }];
      if (b.Id === 'p1l0w1') return [];
      return [b];
    });
    broken.push({ BlockType: 'WORD', Id: 'z', Page: 0 });
    const pages = textractPages({ Blocks: broken as never });
    expect(pages.page(1)?.lines).toEqual([{ words: [], box: expect.any(Object), polygon: expect.any(Array) }]);
    expect(pages.skipped).toEqual({
      'line-without-geometry': 1,
      'word-without-geometry': 1,
      'dangling-word-id': 1,
      'invalid-page': 1,
    });
  });

  it('rejects input that is not Textract output with a ValidationError naming options.ocr', () => {
    for (const input of [[], { Blocks: 3 }, 'not json']) {
      let error: unknown;
      try {
        textractPages(input as never);
      } catch (caught) {
        error = caught;
      }
      expect(isValidationError(error)).toBe(true);
      expect((error as Error).message).toMatch(/^options\.ocr /);
    }
  });
});
