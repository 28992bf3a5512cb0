import { describe, expect, it } from 'vitest';
import { boxContainsBox } from '../../../../src/geometry/index.js';
import { loadTextractDocument, type TextractLayoutBlock } from '../../../../src/textract/index.js';
import { countBlocks, fixtureFiles, paginate, readFixture, readFixtureText, shuffle } from './fixtures.js';

/** LINE and WORD counts from the fixture README (and the manifest). */
const README_COUNTS: Record<string, { lines: number; words: number; pages: number }> = {
  '01-multicol/test-multicol-response.json': { lines: 22, words: 114, pages: 1 },
  '02-multicol-2/test-multicol-response-2.json': { lines: 20, words: 82, pages: 1 },
  '04-financial-document-layout/financial-document-response.json': { lines: 89, words: 421, pages: 1 },
  '05-paystub-layout/paystub-response.json': { lines: 144, words: 280, pages: 1 },
  '07-sample-invoice-layout/test_detect_no_duplicate_words_sample-invoice.pdf.json': {
    lines: 46,
    words: 110,
    pages: 1,
  },
  '08-reading-order/test_detect_no_duplicate_words_reading_order.pdf.json': { lines: 15, words: 33, pages: 1 },
  '09-single-page-detect-and-layout/test_detect_document_text.json': { lines: 24, words: 51, pages: 1 },
  '09-single-page-detect-and-layout/test_detect_no_duplicate_words_single-page-1.png.json': {
    lines: 24,
    words: 51,
    pages: 1,
  },
  '10-receipt-layout/test_detect_no_duplicate_words_receipt.jpg.json': { lines: 44, words: 92, pages: 1 },
  '13-multipage-async/test_textractor_analyze_document_multipage_pdf.json': { lines: 50, words: 106, pages: 2 },
  '13-multipage-async/test_textractor_start_document_text_detection_multipage_pdf_s3.json': {
    lines: 50,
    words: 106,
    pages: 2,
  },
  '14-multipage-rotated-image-mixed-sizes/multi_page_example_file.json': { lines: 69, words: 187, pages: 2 },
  '15-amzn-q2-dense-table/test_detect_no_duplicate_words_amzn_q2.png.json': { lines: 318, words: 564, pages: 1 },
  '16-employment-app-with-anchor-outputs/SampleInput_blocks.json': { lines: 22, words: 69, pages: 1 },
  '17-rotated-json-only/180-degree-roation.json': { lines: 155, words: 372, pages: 1 },
  '17-rotated-json-only/gib__10_degrees.json': { lines: 67, words: 135, pages: 1 },
  '17-rotated-json-only/gib__180_degrees.json': { lines: 67, words: 136, pages: 1 },
  '17-rotated-json-only/gib__270_degrees.json': { lines: 66, words: 134, pages: 1 },
  '17-rotated-json-only/gib__90_degrees.json': { lines: 65, words: 132, pages: 1 },
  '17-rotated-json-only/gib__minus_10_degrees.json': { lines: 66, words: 135, pages: 1 },
  '18-prose-json-only/little_women_page_1.json': { lines: 22, words: 148, pages: 1 },
  '19-multipage-3p-json-only/gib_multi_page_table_merge.json': { lines: 211, words: 563, pages: 3 },
};

const files = fixtureFiles();

describe('loadTextractDocument on every fixture', () => {
  it('finds every fixture the README lists', () => {
    expect(files.sort()).toEqual(Object.keys(README_COUNTS).sort());
  });

  describe.each(files)('%s', (file) => {
    const response = readFixture(file);
    const document = loadTextractDocument(response);
    const expected = README_COUNTS[file] as { lines: number; words: number; pages: number };

    it('has the README line, word and page counts, every LINE exactly once', () => {
      expect(document.lineCount).toBe(expected.lines);
      expect(document.wordCount).toBe(expected.words);
      expect(document.pageCount).toBe(expected.pages);
      expect(countBlocks(response, 'LINE')).toBe(expected.lines);
      const ids = [...document.lines()].map((line) => line.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(document.warnings).toEqual([]);
      expect(document.droppedLineIds).toEqual([]);
    });

    it('keeps LINE CHILD order for words and numbers lines in page order', () => {
      const byId = new Map(response.Blocks.map((block) => [block.Id, block]));
      for (const page of document.pages) {
        page.lines.forEach((line, index) => {
          expect(line.index).toBe(index);
          const childIds = (byId.get(line.id)?.Relationships ?? [])
            .filter((relationship) => relationship.Type === 'CHILD')
            .flatMap((relationship) => relationship.Ids ?? []);
          expect(line.words.map((word) => word.id)).toEqual(childIds);
          for (const word of line.words) expect(word.lineId).toBe(line.id);
        });
      }
    });

    it('loads the same model from JSON text, bytes, a Blocks array, and 1,000-block pages', () => {
      const text = readFixtureText(file);
      expect(loadTextractDocument(text)).toEqual(document);
      expect(loadTextractDocument(new TextEncoder().encode(text))).toEqual(document);
      expect(loadTextractDocument(response.Blocks)).toEqual(document);
      const pages = paginate(response);
      expect(pages.length).toBe(Math.ceil(response.Blocks.length / 1000));
      expect(loadTextractDocument(pages)).toEqual(document);
      expect(loadTextractDocument([...pages].reverse())).toEqual(document);
    });

    it('gives a deep-equal model after shuffling Blocks', () => {
      expect(loadTextractDocument({ ...response, Blocks: shuffle(response.Blocks, 7) })).toEqual(document);
      expect(loadTextractDocument(paginate({ Blocks: shuffle(response.Blocks, 99) }, 250))).toEqual(document);
    });

    it('keeps every word inside its page and every line at its Block.Page', () => {
      const pageOf = new Map(response.Blocks.map((block) => [block.Id, block.Page ?? 1]));
      for (const page of document.pages) {
        for (const line of page.lines) expect(line.page).toBe(pageOf.get(line.id));
        for (const word of page.words) {
          expect(word.page).toBe(page.pageNumber);
          expect(boxContainsBox({ left: 0, top: 0, width: 1, height: 1 }, word.geometry.bbox, 0.01)).toBe(true);
        }
      }
    });

    it('reproduces the LAYOUT structure: PAGE CHILD order, each LINE in one layout block', () => {
      const layoutCount = response.Blocks.filter((block) => block.BlockType?.startsWith('LAYOUT_')).length;
      const all: TextractLayoutBlock[] = [];
      const walk = (block: TextractLayoutBlock): void => {
        all.push(block);
        block.children.forEach(walk);
      };
      for (const page of document.pages) page.layout.forEach(walk);
      expect(all.length).toBe(layoutCount);
      if (layoutCount === 0) return;
      const pageBlock = response.Blocks.find((block) => block.BlockType === 'PAGE');
      const pageChildren = (pageBlock?.Relationships ?? []).flatMap((relationship) => relationship.Ids ?? []);
      const layoutIds = new Set(all.map((block) => block.id));
      const page = document.pages[0];
      // Textract lists nested blocks (LIST items) in the PAGE CHILD list too, right after their LIST: the
      // depth-first order of the tree is the PAGE CHILD order.
      expect(all.map((block) => block.id)).toEqual(pageChildren.filter((id) => layoutIds.has(id)));
      expect(page?.layout.map((block) => block.readingOrder)).toEqual(page?.layout.map((_, index) => index));
      const lineIds = all.flatMap((block) => block.lines.map((line) => line.id));
      expect(new Set(lineIds).size).toBe(lineIds.length);
      expect(lineIds.length).toBe(document.lineCount);
      for (const line of document.lines()) expect(line.layoutId).toBeDefined();
      for (const block of all) {
        if (block.type === 'LIST') expect(block.children.every((child) => child.type === 'TEXT')).toBe(true);
        for (const child of block.children) expect(child.parentId).toBe(block.id);
      }
      const figures = all.filter((block) => block.type === 'FIGURE');
      expect(page?.figures.map((figure) => figure.id).sort()).toEqual(figures.map((figure) => figure.id).sort());
    });

    it('builds tables, key-values and selection elements from every block of those types', () => {
      const tables = document.pages.flatMap((page) => page.tables);
      expect(tables.length).toBe(countBlocks(response, 'TABLE'));
      const cells = tables.flatMap((table) => table.cells);
      expect(cells.length).toBe(countBlocks(response, 'CELL'));
      expect(tables.flatMap((table) => table.mergedCells).length).toBe(countBlocks(response, 'MERGED_CELL'));
      for (const table of tables) {
        for (const cell of table.cells) {
          expect(cell.rowIndex + cell.rowSpan - 1).toBeLessThanOrEqual(table.rowCount);
          expect(cell.columnIndex + cell.columnSpan - 1).toBeLessThanOrEqual(table.columnCount);
          expect(cell.text).toBe(cell.words.map((word) => word.text).join(' '));
          for (const word of cell.words) {
            if (word.lineId) expect(cell.lines.map((line) => line.id)).toContain(word.lineId);
          }
        }
        for (const merged of table.mergedCells) {
          for (const id of merged.cellIds)
            expect(table.cells.find((cell) => cell.id === id)?.mergedCellId).toBe(merged.id);
        }
      }
      const keys = response.Blocks.filter(
        (block) =>
          block.BlockType === 'KEY' || (block.BlockType === 'KEY_VALUE_SET' && block.EntityTypes?.includes('KEY')),
      );
      const keyValues = document.pages.flatMap((page) => page.keyValues);
      expect(keyValues.map((kv) => kv.id).sort()).toEqual(keys.map((key) => key.Id).sort());
      expect(document.pages.flatMap((page) => page.selectionElements).length).toBe(
        countBlocks(response, 'SELECTION_ELEMENT'),
      );
    });
  });
});
