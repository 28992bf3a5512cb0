import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../../src/kit/errors.js';
import { loadTextractDocument } from '../../../../src/textract/model/loadTextractDocument.js';
import type { TextractBlockLike } from '../../../../src/textract/model/TextractBlockLike.js';
import {
  type InputTable,
  type InputTableCell,
  ParagraphSegmenter,
  type Segment,
  type SegmentInput,
  segmentsToJSON,
  segmentsToMarkdown,
  toSegmentInput,
} from '../../../../src/textract/segment/index.js';
import { geometryGrid, textractGrid } from '../../../../src/textract/segment/tableGrid.js';
import { ANNOTATED, LAYOUT_FIXTURES, loadFixture, MULTIPAGE_FIXTURES } from './fixtures.js';
import { type SyntheticLine, syntheticResponse } from './synthetic.js';

const F04 = '04-financial-document-layout/financial-document-response.json';
const F15 = '15-amzn-q2-dense-table/test_detect_no_duplicate_words_amzn_q2.png.json';
const F19 = '19-multipage-3p-json-only/gib_multi_page_table_merge.json';

const SETTINGS = [{ mode: 'layout' }, { useLayout: 'ignore' }] as const;

/** What the fixture JSON itself says about one TABLE block: size, header rows and its cells' words. */
interface RawTable {
  id: string;
  rows: number;
  columns: number;
  headerRows: number;
  cells: { row: number; column: number; rowSpan: number; columnSpan: number; words: string[]; merged: boolean }[];
}

function rawTables(blocks: readonly TextractBlockLike[]): RawTable[] {
  const byId = new Map(blocks.map((b) => [b.Id!, b]));
  const children = (b: TextractBlockLike) =>
    b.Relationships?.filter((r) => r.Type === 'CHILD').flatMap((r) => r.Ids ?? []) ?? [];
  const wordsOf = (b: TextractBlockLike): string[] =>
    children(b).flatMap((id) => (byId.get(id)?.BlockType === 'WORD' ? [byId.get(id)!.Text!] : []));
  return blocks
    .filter((b) => b.BlockType === 'TABLE')
    .map((table) => {
      const cellIds = children(table).filter((id) => byId.get(id)?.BlockType === 'CELL');
      const mergedIds = table.Relationships?.filter((r) => r.Type === 'MERGED_CELL').flatMap((r) => r.Ids ?? []) ?? [];
      const cells = cellIds.map((id) => byId.get(id)!);
      const rows = Math.max(...cells.map((c) => c.RowIndex! + (c.RowSpan ?? 1) - 1));
      const columns = Math.max(...cells.map((c) => c.ColumnIndex! + (c.ColumnSpan ?? 1) - 1));
      const headerRow = new Set(cells.filter((c) => c.EntityTypes?.includes('COLUMN_HEADER')).map((c) => c.RowIndex!));
      let headerRows = 0;
      while (headerRow.has(headerRows + 1)) headerRows++;
      const inMerged = new Set(mergedIds.flatMap((id) => children(byId.get(id)!)));
      return {
        id: table.Id!,
        rows,
        columns,
        headerRows,
        cells: [
          ...cells
            .filter((c) => !inMerged.has(c.Id!))
            .map((c) => ({
              row: c.RowIndex!,
              column: c.ColumnIndex!,
              rowSpan: c.RowSpan ?? 1,
              columnSpan: c.ColumnSpan ?? 1,
              words: wordsOf(c),
              merged: false,
            })),
          ...mergedIds.map((id) => {
            const m = byId.get(id)!;
            return {
              row: m.RowIndex!,
              column: m.ColumnIndex!,
              rowSpan: m.RowSpan ?? 1,
              columnSpan: m.ColumnSpan ?? 1,
              words: children(m).flatMap((cellId) => wordsOf(byId.get(cellId)!)),
              merged: true,
            };
          }),
        ],
      };
    });
}

const tokens = (text: string): string[] => text.split(/\s+/).filter((t) => t !== '');
const sortedTokens = (texts: readonly string[]): string[] => texts.flatMap(tokens).sort();

/** Removes `part` from `whole` as multisets; undefined when `part` is not contained in `whole`. */
function multisetMinus(whole: readonly string[], part: readonly string[]): string[] | undefined {
  const counts = new Map<string, number>();
  for (const t of whole) counts.set(t, (counts.get(t) ?? 0) + 1);
  for (const t of part) {
    const n = counts.get(t) ?? 0;
    if (n === 0) return undefined;
    counts.set(t, n - 1);
  }
  return [...counts].flatMap(([t, n]) => Array<string>(n).fill(t)).sort();
}

/** Splits a Markdown table row at its unescaped pipes. */
const markdownCells = (row: string): string[] => row.split(/(?<!\\)\|/).slice(1, -1);

function tableSegmentOf(segments: readonly Segment[], tableId: string): Segment {
  const found = segments.filter((s) => s.table?.tableIds.includes(tableId));
  expect(found, `one segment holds the grid of TABLE ${tableId}`).toHaveLength(1);
  return found[0]!;
}

describe('table segments carry the Textract cell grid', () => {
  for (const path of [F04, F15, F19]) {
    for (const settings of SETTINGS) {
      it(`${path.slice(0, 2)} ${JSON.stringify(settings)}: grid = TABLE rows × columns, cells in place, merged cells top-left`, () => {
        // Prepare
        const response = loadFixture(path);
        const tables = rawTables(response.Blocks ?? []);
        // Act
        const segments = new ParagraphSegmenter(settings).segment(response);
        // Assert
        expect(tables.length).toBeGreaterThan(0);
        for (const raw of tables) {
          const grid = tableSegmentOf(segments, raw.id).table!;
          expect(grid.source).toBe('textract');
          expect(grid.rows).toHaveLength(raw.rows);
          for (const row of grid.rows) expect(row).toHaveLength(raw.columns);
          expect(grid.headerRows).toBe(raw.headerRows);
          for (const cell of raw.cells) {
            // Word order inside a cell is reading order, which may differ from CHILD order: compare as multisets.
            expect(sortedTokens([grid.rows[cell.row - 1]![cell.column - 1]!])).toEqual(sortedTokens(cell.words));
            for (let r = cell.row; r < cell.row + cell.rowSpan; r++) {
              for (let c = cell.column; c < cell.column + cell.columnSpan; c++) {
                if (r !== cell.row || c !== cell.column) expect(grid.rows[r - 1]![c - 1]).toBe('');
              }
            }
          }
        }
        // Every LINE still appears exactly once.
        const ids = segments.flatMap((s) => s.lines.map((l) => l.id));
        expect(new Set(ids).size).toBe(ids.length);
        expect(ids.length).toBe((response.Blocks ?? []).filter((b) => b.BlockType === 'LINE').length);
      });
    }
  }

  it('04: known cells sit in the right place (row 5 is the Somalia account; row 1 holds the column headers)', () => {
    // Prepare
    const response = loadFixture(F04);
    const [raw] = rawTables(response.Blocks ?? []);
    const somalia = raw!.cells.find((c) => c.words.join(' ') === 'Somalia Administered Account')!;
    const contributions = raw!.cells.find((c) => c.row === somalia.row && c.column === 3)!;
    // Act
    const grid = tableSegmentOf(new ParagraphSegmenter({ mode: 'layout' }).segment(response), raw!.id).table!;
    // Assert
    expect(somalia.column).toBe(1);
    expect(grid.rows[somalia.row - 1]![0]).toBe('Somalia Administered Account');
    expect(grid.rows[somalia.row - 1]![2]).toBe(contributions.words.join(' '));
    expect(grid.rows[somalia.row - 1]![2]).toBe('8.0');
    expect(grid.rows[0]).toContain('October 31, 2021');
    expect(grid.headerRows).toBe(2);
  });

  it('15: a merged cell spanning the whole row keeps its text in column 1, the rest empty', () => {
    // Prepare
    const response = loadFixture(F15);
    const [raw] = rawTables(response.Blocks ?? []);
    const banner = raw!.cells.find((c) => c.merged && c.columnSpan === raw!.columns && c.words.length > 0)!;
    // Act
    const grid = tableSegmentOf(new ParagraphSegmenter({ useLayout: 'ignore' }).segment(response), raw!.id).table!;
    // Assert
    const row = grid.rows[banner.row - 1]!;
    expect(row[0]).toBe(banner.words.join(' '));
    expect(row.slice(1).every((cell) => cell === '')).toBe(true);
  });

  it('19: a table continuing over three pages has one grid per page, each linked to the next', () => {
    // Prepare
    const response = loadFixture(F19);
    const byPage = new Map<number, string[]>();
    for (const b of response.Blocks ?? []) {
      if (b.BlockType === 'TABLE') byPage.set(b.Page!, [...(byPage.get(b.Page!) ?? []), b.Id!]);
    }
    // Act
    const segments = new ParagraphSegmenter({ useLayout: 'ignore' }).segment(response);
    // Assert
    const tables = segments.filter((s) => s.role === 'table');
    expect(tables.map((s) => s.page)).toEqual([1, 1, 2, 3]);
    for (const s of tables) {
      expect(s.table).toBeDefined();
      expect(byPage.get(s.page)).toEqual(expect.arrayContaining([...s.table!.tableIds]));
    }
    expect(tables.at(-2)!.continuesOnNextPage).toBe(true);
    expect(tables.at(-1)!.continuesFromPreviousPage).toBe(true);
  });

  for (const path of [F04, F15]) {
    it(`${path.slice(0, 2)}: Markdown prints a GFM table with a separator row of the right width`, () => {
      // Prepare
      const response = loadFixture(path);
      const [raw] = rawTables(response.Blocks ?? []);
      // Act
      const markdown = segmentsToMarkdown(new ParagraphSegmenter({ mode: 'layout' }).segment(response));
      // Assert
      const rows = markdown.split('\n').filter((l) => l.startsWith('|'));
      expect(rows).toHaveLength(raw!.rows + 1);
      expect(rows[1]).toBe(`|${' --- |'.repeat(raw!.columns)}`);
      for (const row of rows) expect(markdownCells(row)).toHaveLength(raw!.columns);
      expect(markdown).not.toContain('```');
    });
  }
});

describe('table grid invariants', () => {
  const fixtures = [...ANNOTATED, ...LAYOUT_FIXTURES, ...MULTIPAGE_FIXTURES];
  const all = fixtures.flatMap((path) => SETTINGS.map((settings) => ({ path, settings })));

  it.each(all)(
    '$path $settings: rows are equal-width; cell words = line words minus lines outside the cells',
    ({ path, settings }) => {
      // Prepare
      const response = loadFixture(path);
      const inCells = new Set(
        loadTextractDocument(response).pages.flatMap((p) =>
          p.tables.flatMap((t) => t.cells.flatMap((c) => c.lines.map((l) => l.id))),
        ),
      );
      // Act
      const segments = new ParagraphSegmenter(settings).segment(response);
      // Assert
      for (const s of segments) {
        if (s.role !== 'table') expect(s.table).toBeUndefined();
        if (!s.table) continue;
        const width = s.table.rows[0]!.length;
        for (const row of s.table.rows) expect(row).toHaveLength(width);
        const cellWords = sortedTokens(s.table.rows.flat());
        const rest = multisetMinus(sortedTokens(s.lines.map((l) => l.text)), cellWords);
        expect(rest, 'every cell word is a word of the segment').toBeDefined();
        // Words left over are exactly those of lines that sit in no cell (a caption or note inside the table box).
        const outside = s.table.source === 'geometry' ? [] : s.lines.filter((l) => !inCells.has(l.id));
        expect(rest).toEqual(sortedTokens(outside.map((l) => l.text)));
      }
    },
  );

  const grid = fc
    .record({
      rows: fc.integer({ min: 2, max: 8 }),
      columns: fc.integer({ min: 3, max: 6 }),
      top: fc.double({ min: 0.05, max: 0.4, noNaN: true }),
    })
    .chain(({ rows, columns, top }) =>
      fc.record({
        rows: fc.constant(rows),
        columns: fc.constant(columns),
        top: fc.constant(top),
        cells: fc.array(fc.array(fc.integer({ min: 0, max: 99_999 }), { minLength: columns, maxLength: columns }), {
          minLength: rows,
          maxLength: rows,
        }),
      }),
    );

  test.prop([grid])('a grid of aligned numbers without TABLE blocks becomes a geometry table', ({ top, cells }) => {
    // Prepare: numbers right-aligned in columns 0.15 wide, rows 0.03 apart.
    const lines: SyntheticLine[] = cells.flatMap((row, r) =>
      row.map((value, c) => {
        const text = value.toLocaleString('en-US');
        const width = 0.012 * text.length;
        return { text, left: 0.1 + c * 0.15 + (0.12 - width), top: top + r * 0.03, width };
      }),
    );
    // Act
    const segments = new ParagraphSegmenter({ useLayout: 'ignore' }).segment(syntheticResponse(lines));
    // Assert
    const tables = segments.filter((s) => s.role === 'table');
    expect(tables).toHaveLength(1);
    expect(tables[0]!.table).toEqual({
      rows: cells.map((row) => row.map((v) => v.toLocaleString('en-US'))),
      headerRows: 0,
      source: 'geometry',
      tableIds: [],
    });
  });

  const tiling = fc
    .record({ rows: fc.integer({ min: 1, max: 6 }), columns: fc.integer({ min: 1, max: 6 }) })
    .chain(({ rows, columns }) =>
      fc.record({
        rows: fc.constant(rows),
        columns: fc.constant(columns),
        // Per row, where a horizontal span ends (true: the cell ends after this column).
        breaks: fc.array(fc.array(fc.boolean(), { minLength: columns, maxLength: columns }), {
          minLength: rows,
          maxLength: rows,
        }),
        // Words of cells: digits, so no line reads like prose; -1 puts the word on a line outside the segment.
        words: fc.array(fc.integer({ min: -1, max: rows * columns - 1 }), { maxLength: 40 }),
      }),
    );

  test.prop([tiling])(
    'prepared TABLE cells with spans: rectangular grid, text top-left, only the segment’s words',
    ({ rows, columns, breaks, words }) => {
      // Prepare: one line per grid position, plus one line outside the table.
      const base = toSegmentInput(
        syntheticResponse([
          ...Array.from({ length: rows * columns }, (_, i) => ({
            text: `${i}`,
            left: 0.1 + (i % columns) * 0.12,
            top: 0.2 + Math.floor(i / columns) * 0.03,
          })),
          { text: 'outside', left: 0.1, top: 0.9 },
        ]),
      );
      const page = base.pages[0]!;
      const lineId = (i: number) => `line-${i}`;
      const cells = breaks.flatMap((ends, r) => {
        const out: { rowIndex: number; columnIndex: number; rowSpan: number; columnSpan: number }[] = [];
        let start = 0;
        ends.forEach((end, c) => {
          if (end || c === columns - 1) {
            out.push({ rowIndex: r + 1, columnIndex: start + 1, rowSpan: 1, columnSpan: c - start + 1 });
            start = c + 1;
          }
        });
        return out;
      });
      const cellOf = (position: number) =>
        cells.findIndex(
          (c) =>
            c.rowIndex - 1 === Math.floor(position / columns) &&
            c.columnIndex - 1 <= position % columns &&
            position % columns < c.columnIndex - 1 + c.columnSpan,
        );
      const input: SegmentInput = {
        pages: [
          {
            ...page,
            tables: [
              {
                id: 'table-1',
                bbox: { left: 0.1, top: 0.2, width: 0.8, height: 0.3 },
                lineIds: Array.from({ length: rows * columns }, (_, i) => lineId(i)).sort(),
                cells: cells.map((cell, k) => ({
                  ...cell,
                  columnHeader: false,
                  words: [
                    // The cell's own line, then the extra words assigned to it.
                    ...Array.from({ length: rows * columns }, (_, i) => i)
                      .filter((i) => cellOf(i) === k)
                      .map((i) => ({ text: `${i}`, lineId: lineId(i) })),
                    ...words
                      .filter((w) => w >= 0 && cellOf(w) === k)
                      .map(() => ({ text: 'stray', lineId: lineId(rows * columns) })),
                  ],
                })),
              },
            ],
          },
        ],
      };
      // Act
      const segments = new ParagraphSegmenter({ useLayout: 'ignore' }).segment(input);
      // Assert
      const table = segments.find((s) => s.table !== undefined);
      expect(table?.role).toBe('table');
      const grid = table!.table!;
      expect(grid.rows).toHaveLength(rows);
      for (const row of grid.rows) expect(row).toHaveLength(columns);
      for (const cell of cells) {
        const row = grid.rows[cell.rowIndex - 1]!;
        const expected = Array.from(
          { length: cell.columnSpan },
          (_, k) => `${(cell.rowIndex - 1) * columns + cell.columnIndex - 1 + k}`,
        );
        // 'outside' holds the stray words but is not part of the table segment: they never show up in the grid.
        expect(row[cell.columnIndex - 1]).toBe(expected.join(' '));
        for (let c = 1; c < cell.columnSpan; c++) expect(row[cell.columnIndex - 1 + c]).toBe('');
      }
    },
  );
});

describe('Markdown and JSON of a table grid', () => {
  const box = { left: 0, top: 0, width: 0, height: 0 };
  const line = (id: string, text: string) => ({ id, text, page: 1, confidence: 99, bbox: box, polygon: [] });
  const tableSegment = (table: Segment['table']): Segment => ({
    role: 'table',
    page: 1,
    text: 'a|b c d',
    readingOrder: 0,
    source: 'heuristic',
    confidence: 0.9,
    bbox: box,
    polygon: [],
    lines: [line('l1', 'a|b c'), line('l2', 'd')],
    continuesOnNextPage: false,
    continuesFromPreviousPage: false,
    ...(table ? { table } : {}),
  });

  it('escapes pipes, turns line breaks into spaces, uses the first row as header', () => {
    // Prepare
    const segment = tableSegment({
      rows: [
        ['Item | kind', 'Price'],
        ['two\nlines', '*1*'],
      ],
      headerRows: 1,
      source: 'textract',
      tableIds: ['t'],
    });
    // Act
    const markdown = segmentsToMarkdown([segment]);
    // Assert
    expect(markdown).toBe('| Item \\| kind | Price |\n| --- | --- |\n| two lines | \\*1\\* |\n');
  });

  it('keeps the fenced block when the grid is unknown, and JSON carries the grid only when known', () => {
    // Prepare
    const grid = {
      rows: [
        ['a|b', 'c'],
        ['d', ''],
      ],
      headerRows: 0,
      source: 'geometry' as const,
      tableIds: [],
    };
    // Act
    const fenced = segmentsToMarkdown([tableSegment(undefined)]);
    const [withGrid] = segmentsToJSON([tableSegment(grid)]);
    const [without] = segmentsToJSON([tableSegment(undefined)]);
    // Assert
    expect(fenced).toBe('```\na|b c\nd\n```\n');
    expect(withGrid!.table).toEqual(grid);
    expect(without).not.toHaveProperty('table');
  });
});

describe('grids that are not guessed', () => {
  const cell = (rowIndex: number, columnIndex: number, text: string, span: Partial<InputTableCell> = {}) => ({
    rowIndex,
    columnIndex,
    rowSpan: 1,
    columnSpan: 1,
    columnHeader: false,
    words: [{ text, lineId: `l-${text}` }],
    ...span,
  });
  const table = (id: string, top: number, cells: InputTableCell[]): InputTable => ({
    id,
    bbox: { left: 0.1, top, width: 0.5, height: 0.1 },
    lineIds: cells.flatMap((c) => c.words.map((w) => w.lineId)),
    cells,
  });
  const lineIds = (tables: InputTable[]) => new Set(tables.flatMap((t) => t.lineIds));

  it('stacks two TABLEs of one segment top to bottom when their column counts agree', () => {
    // Prepare: given bottom first.
    const lower = table('b', 0.5, [cell(1, 1, 'c'), cell(1, 2, 'd')]);
    const upper = table('a', 0.2, [cell(1, 1, 'a', { columnHeader: true }), cell(1, 2, 'b')]);
    // Act
    const grid = textractGrid([upper, lower], lineIds([upper, lower]));
    // Assert
    expect(grid).toEqual({
      rows: [
        ['a', 'b'],
        ['c', 'd'],
      ],
      headerRows: 1,
      source: 'textract',
      tableIds: ['a', 'b'],
    });
  });

  it.each([
    ['column counts differ', [table('a', 0.2, [cell(1, 1, 'a')]), table('b', 0.5, [cell(1, 1, 'b'), cell(1, 2, 'c')])]],
    ['cells overlap', [table('a', 0.2, [cell(1, 1, 'a', { columnSpan: 2 }), cell(1, 2, 'b'), cell(2, 1, 'c')])]],
    ['a position is not covered', [table('a', 0.2, [cell(1, 1, 'a'), cell(2, 2, 'b')])]],
    ['there are no cells', [table('a', 0.2, [])]],
    ['there is no table', []],
  ])('no grid when %s', (_, tables) => {
    // Act
    const grid = textractGrid(tables, lineIds(tables));
    // Assert
    expect(grid).toBeUndefined();
  });

  it.each([
    ['a single row', [[{ text: 'a', x0: 0, x1: 0.1 }]]],
    [
      'two cells of a row in one column band',
      [
        [
          { text: 'a', x0: 0, x1: 0.3 },
          { text: 'b', x0: 0.4, x1: 0.5 },
        ],
        [
          { text: 'c', x0: 0, x1: 0.1 },
          { text: 'd', x0: 0.2, x1: 0.3 },
        ],
      ],
    ],
    [
      'a column with a cell of one row only',
      [
        [
          { text: 'a', x0: 0, x1: 0.1 },
          { text: 'b', x0: 0.4, x1: 0.5 },
        ],
        [
          { text: 'c', x0: 0, x1: 0.1 },
          { text: 'd', x0: 0.7, x1: 0.8 },
        ],
      ],
    ],
  ])('no geometry grid for %s', (_, rows) => {
    // Act
    const grid = geometryGrid(rows);
    // Assert
    expect(grid).toBeUndefined();
  });

  it.each([
    ['rowIndex', { rowIndex: 0 }],
    ['columnSpan', { columnSpan: 1.5 }],
    ['words', { words: 'x' }],
  ])('prepared cells with a bad %s are a ValidationError naming the field', (field, bad) => {
    // Prepare
    const page = toSegmentInput(syntheticResponse([{ text: '1', left: 0.1, top: 0.1 }])).pages[0]!;
    const input = {
      pages: [
        { ...page, tables: [{ ...table('t', 0.1, [cell(1, 1, '1')]), cells: [{ ...cell(1, 1, '1'), ...bad }] }] },
      ],
    } as unknown as SegmentInput;
    // Act
    const act = () => new ParagraphSegmenter().segment(input);
    // Assert
    expect(act).toThrow(ValidationError);
    expect(act).toThrow(`document.pages[0].tables[0].cells[0].${field}`);
  });

  it('prepared tables without cells give no grid and keep the fenced Markdown', () => {
    // Prepare
    const lines = ['10', '20', '30', '40'].map((text, i) => ({
      text,
      left: 0.1 + (i % 2) * 0.3,
      top: 0.2 + Math.floor(i / 2) * 0.03,
    }));
    const page = toSegmentInput(syntheticResponse(lines)).pages[0]!;
    const input: SegmentInput = {
      pages: [
        {
          ...page,
          tables: [
            {
              id: 't',
              bbox: { left: 0.1, top: 0.2, width: 0.4, height: 0.06 },
              lineIds: page.lines.map((l) => l.id).sort(),
            },
          ],
        },
      ],
    };
    // Act
    const segments = new ParagraphSegmenter({ useLayout: 'ignore' }).segment(input);
    // Assert
    const tableSegment = segments.find((s) => s.role === 'table');
    expect(tableSegment).toBeDefined();
    expect(tableSegment!.table).toBeUndefined();
    expect(segmentsToMarkdown(segments)).toContain('```');
  });
});
