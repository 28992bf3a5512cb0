import { describe, expect, it } from 'vitest';
import { isResponseShapeError } from '../../../../src/kit/errors.js';
import { loadTextractDocument } from '../../../../src/textract/index.js';
import type { TextractBlockLike } from '../../../../src/textract/model/TextractBlockLike.js';
import { shuffle } from './fixtures.js';
import { geometry, syntheticBlocks, withBlock } from './synthetic.js';

const child = (...ids: string[]) => [{ Type: 'CHILD', Ids: ids }];

/** One page, three lines, a LIST with two TEXT items, a TITLE, and an empty FIGURE. */
function layoutBlocks(): TextractBlockLike[] {
  const blocks = syntheticBlocks(1, 3);
  return [
    ...withBlock(blocks, 'p1', (page) => ({
      ...page,
      Relationships: child('p1-l0', 'p1-l1', 'p1-l2', 'title', 'list', 'item-a', 'item-b', 'figure'),
    })),
    {
      BlockType: 'LAYOUT_TITLE',
      Id: 'title',
      Page: 1,
      Confidence: 90,
      Geometry: geometry(0.1, 0.1),
      Relationships: child('p1-l0'),
    },
    {
      BlockType: 'LAYOUT_LIST',
      Id: 'list',
      Page: 1,
      Geometry: geometry(0.1, 0.15),
      Relationships: child('item-a', 'item-b'),
    },
    { BlockType: 'LAYOUT_TEXT', Id: 'item-a', Page: 1, Geometry: geometry(0.1, 0.15), Relationships: child('p1-l1') },
    { BlockType: 'LAYOUT_TEXT', Id: 'item-b', Page: 1, Geometry: geometry(0.1, 0.2), Relationships: child('p1-l2') },
    { BlockType: 'LAYOUT_FIGURE', Id: 'figure', Page: 1, Geometry: geometry(0.5, 0.5) },
    { BlockType: 'SOMETHING_NEW', Id: 'new', Page: 1, Relationships: child('nowhere') },
  ];
}

describe('layout', () => {
  it('nests LIST items, keeps empty figures and assigns each line its innermost block', () => {
    const page = loadTextractDocument(layoutBlocks()).pages[0];
    expect(page?.layout.map((block) => [block.type, block.readingOrder, block.lines.length])).toEqual([
      ['TITLE', 0, 1],
      ['LIST', 1, 0],
      ['FIGURE', 2, 0],
    ]);
    const list = page?.layout[1];
    expect(list?.children.map((item) => [item.id, item.readingOrder, item.parentId, item.lines[0]?.id])).toEqual([
      ['item-a', 0, 'list', 'p1-l1'],
      ['item-b', 1, 'list', 'p1-l2'],
    ]);
    expect(list?.childIds).toEqual(['item-a', 'item-b']);
    expect(page?.figures.map((figure) => figure.id)).toEqual(['figure']);
    expect(page?.lines.map((line) => line.layoutId)).toEqual(['title', 'item-a', 'item-b']);
    expect(page?.layout[0]?.blockType).toBe('LAYOUT_TITLE');
    expect(page?.layout[0]?.confidence).toBe(90);
  });

  it('gives a line listed at several depths to the innermost block', () => {
    const blocks = [
      ...syntheticBlocks(1, 1),
      { BlockType: 'LAYOUT_TEXT', Id: 'a', Page: 1, Geometry: geometry(0.1, 0.1), Relationships: child('p1-l0') },
      { BlockType: 'LAYOUT_TEXT', Id: 'b', Page: 1, Geometry: geometry(0.1, 0.5), Relationships: child('p1-l0') },
      { BlockType: 'LAYOUT_LIST', Id: 'c', Page: 1, Geometry: geometry(0.1, 0.5), Relationships: child('b', 'p1-l0') },
    ];
    expect(loadTextractDocument(blocks).line('p1-l0')?.layoutId).toBe('b');
  });

  it('ignores unknown block types, even with dangling relationships', () => {
    expect(loadTextractDocument(layoutBlocks()).warnings).toEqual([]);
  });

  it('survives a cycle between layout blocks without losing either', () => {
    const blocks = [
      ...syntheticBlocks(1, 1),
      { BlockType: 'LAYOUT_TEXT', Id: 'a', Page: 1, Relationships: child('b', 'p1-l0') },
      { BlockType: 'LAYOUT_TEXT', Id: 'b', Page: 1, Relationships: child('a') },
    ];
    for (const seed of [1, 2, 3]) {
      const page = loadTextractDocument(shuffle(blocks, seed)).pages[0];
      const ids: string[] = [];
      const walk = (block: { id: string; children: readonly { id: string; children: readonly unknown[] }[] }): void => {
        ids.push(block.id);
        for (const nested of block.children) walk(nested as never);
      };
      for (const block of page?.layout ?? []) walk(block);
      expect(ids.sort()).toEqual(['a', 'b']);
      expect(page?.layout[0]?.geometry).toBeUndefined();
    }
  });

  it('orders layout blocks the PAGE does not list by position', () => {
    const blocks = [
      ...syntheticBlocks(1, 0),
      { BlockType: 'LAYOUT_TEXT', Id: 'low', Page: 1, Geometry: geometry(0.1, 0.8) },
      { BlockType: 'LAYOUT_TEXT', Id: 'high', Page: 1, Geometry: geometry(0.1, 0.2) },
      { BlockType: 'LAYOUT_TEXT', Id: 'nowhere', Page: 1 },
    ];
    expect(loadTextractDocument(blocks).pages[0]?.layout.map((block) => block.id)).toEqual(['high', 'low', 'nowhere']);
  });
});

describe('geometry variants', () => {
  it('derives the box from a polygon-only geometry and keeps RotationAngle', () => {
    const blocks = withBlock(syntheticBlocks(1, 1), 'p1-l0', (line) => ({
      ...line,
      Geometry: {
        Polygon: [
          { X: 0.9, Y: 0.1 },
          { X: 0.9, Y: 0.4 },
          { X: 0.88, Y: 0.4 },
          { X: 0.88, Y: 0.1 },
        ],
        RotationAngle: 90,
      },
    }));
    const line = loadTextractDocument(blocks).line('p1-l0');
    expect(line?.geometry.bbox.left).toBeCloseTo(0.88, 9);
    expect(line?.geometry.bbox.height).toBeCloseTo(0.3, 9);
    expect(line?.geometry.rotationAngleDeg).toBe(90);
    expect(line?.orientation).toEqual({ angleDeg: 90, orientationDeg: 90, skewDeg: 0, source: 'rotationAngle' });
    const withSize = loadTextractDocument(blocks, { pageSizes: { widthPt: 612, heightPt: 792 } }).line('p1-l0');
    expect(withSize?.orientation.source).toBe('polygonPt');
    expect(withSize?.orientation.angleDeg).toBeCloseTo(90, 9);
  });

  it('derives the polygon from a box-only geometry and reports no measured angle', () => {
    const blocks = withBlock(syntheticBlocks(1, 1), 'p1-l0', (line) => ({
      ...line,
      Geometry: { BoundingBox: { Left: 0.1, Top: 0.2, Width: 0.3, Height: 0.05 } },
    }));
    const line = loadTextractDocument(blocks, { pageSizes: { widthPt: 612, heightPt: 792 } }).line('p1-l0');
    expect(line?.geometry.polygon).toHaveLength(4);
    expect(line?.geometry.polygon[2]?.x).toBeCloseTo(0.4, 9);
    expect(line?.orientation.source).toBe('none');
  });

  it('ignores a two-point polygon when a box is present, and rejects it otherwise', () => {
    const twoPoints = [
      { X: 0.1, Y: 0.1 },
      { X: 0.2, Y: 0.1 },
    ];
    const withBox = withBlock(syntheticBlocks(1, 1), 'p1-l0', (line) => ({
      ...line,
      Geometry: { BoundingBox: { Left: 0.1, Top: 0.1, Width: 0.1, Height: 0.02 }, Polygon: twoPoints },
    }));
    expect(loadTextractDocument(withBox).line('p1-l0')?.geometry.polygon).toHaveLength(4);
    const without = withBlock(syntheticBlocks(1, 1), 'p1-l0', (line) => ({
      ...line,
      Geometry: { Polygon: twoPoints },
    }));
    expect(String(catchError(() => loadTextractDocument(without)))).toMatch(/Polygon has 2 point/);
    const outside = withBlock(syntheticBlocks(1, 1), 'p1-l0', (line) => ({
      ...line,
      Geometry: {
        Polygon: [
          { X: 0, Y: 0 },
          { X: 2, Y: 0 },
          { X: 2, Y: 1 },
        ],
      },
    }));
    expect(String(catchError(() => loadTextractDocument(outside)))).toMatch(/Polygon\[1\] lies outside/);
    expect(loadTextractDocument(outside, { geometryMargin: 1.5 }).lineCount).toBe(1);
  });

  it('accepts a PAGE block without geometry as the full page', () => {
    const blocks = withBlock(syntheticBlocks(1, 1), 'p1', (page) => ({ ...page, Geometry: undefined }));
    const page = loadTextractDocument(blocks, { pageSizes: { widthPt: 100, heightPt: 200 } }).pages[0];
    expect(page?.geometry.bboxPt).toEqual({ left: 0, top: 0, width: 100, height: 200 });
  });
});

describe('odd but recoverable input', () => {
  it('reports a PAGE block with non-finite geometry and uses the full page (skip mode)', () => {
    const blocks = withBlock(syntheticBlocks(1, 1), 'p1', (page) => ({
      ...page,
      Geometry: { BoundingBox: { Left: 0, Top: Number.POSITIVE_INFINITY, Width: 1, Height: 1 } },
    }));
    expect(String(catchError(() => loadTextractDocument(blocks)))).toMatch(/BoundingBox\.Top is Infinity/);
    const document = loadTextractDocument(blocks, { onInvalid: 'skip' });
    expect(document.warnings).toEqual([
      expect.objectContaining({ code: 'INVALID_PAGE_BLOCK', blockId: 'p1', page: 1 }),
    ]);
    expect(document.pages[0]?.geometry.bbox).toEqual({ left: 0, top: 0, width: 1, height: 1 });
  });

  it.each([
    ['an empty geometry', {}, /neither a BoundingBox nor a Polygon/],
    ['a null geometry', null, /Geometry is null/],
    ['a string box field', { BoundingBox: { Left: '0', Top: 0, Width: 1, Height: 1 } }, /Left is string/],
    ['a NaN width', { BoundingBox: { Left: 0, Top: 0, Width: Number.NaN, Height: 1 } }, /Width is NaN/],
    ['a missing height', { BoundingBox: { Left: 0, Top: 0, Width: 1 } }, /Height is undefined/],
  ])('names %s', (_, geometryValue, message) => {
    const blocks = withBlock(syntheticBlocks(1, 1), 'p1-l0', (line) => ({ ...line, Geometry: geometryValue as never }));
    expect(String(catchError(() => loadTextractDocument(blocks)))).toMatch(message);
  });

  it('ignores LINE children that are not words and table children that are not cells', () => {
    const blocks = [
      ...withBlock(syntheticBlocks(1, 1), 'p1-l0', (line) => ({
        ...line,
        Relationships: child('p1-l0-w0', 'box', 'p1-l0-w1'),
      })),
      { BlockType: 'SELECTION_ELEMENT', Id: 'box', Page: 1, Geometry: geometry(0.7, 0.1, 0.01, 0.01) },
      { BlockType: 'TABLE', Id: 't', Page: 1, Relationships: child('box', 'c', 'c') },
      { BlockType: 'CELL', Id: 'c', RowIndex: 1, ColumnIndex: 1, Relationships: child('box') },
      { BlockType: 'CELL', Id: 'unused', RowIndex: 1, ColumnIndex: 1, Relationships: child('box') },
    ];
    const page = loadTextractDocument(blocks).pages[0];
    expect(page?.lines[0]?.words.map((word) => word.id)).toEqual(['p1-l0-w0', 'p1-l0-w1']);
    expect(page?.tables[0]?.cells.map((cell) => cell.id)).toEqual(['c']);
    expect(page?.tables[0]?.cells[0]?.selectionElements[0]).toBe(page?.selectionElements[0]);
    expect(page?.selectionElements[0]?.selected).toBe(false);
    expect(page?.selectionElements[0]?.status).toBeUndefined();
  });

  it('skips merged cells with invalid spans and tables on unknown pages (skip mode)', () => {
    const blocks = [
      ...syntheticBlocks(1, 1),
      { BlockType: 'TABLE', Id: 't', Page: 1, Relationships: [{ Type: 'MERGED_CELL', Ids: ['m'] }] },
      { BlockType: 'MERGED_CELL', Id: 'm', RowIndex: 0, ColumnIndex: 1 },
      { BlockType: 'TABLE', Id: 'elsewhere', Page: 4 },
      { BlockType: 'KEY_VALUE_SET', Id: 'k', Page: 4, EntityTypes: ['KEY'] },
    ];
    const document = loadTextractDocument(blocks, { onInvalid: 'skip' });
    expect(document.pages[0]?.tables.map((table) => [table.id, table.mergedCells.length])).toEqual([['t', 0]]);
    expect(document.pages[0]?.keyValues).toEqual([]);
    expect(document.warnings.map((warning) => warning.code).sort()).toEqual([
      'INVALID_CELL',
      'INVALID_PAGE',
      'INVALID_PAGE',
    ]);
  });

  it('reports relationship ids that are not strings', () => {
    const blocks = withBlock(syntheticBlocks(1, 1), 'p1-l0', (line) => ({
      ...line,
      Relationships: [{ Type: 'CHILD', Ids: ['p1-l0-w0', 7 as never] }],
    }));
    expect(String(catchError(() => loadTextractDocument(blocks)))).toMatch(/lists a CHILD id that is not a string/);
  });
});

describe('input shapes', () => {
  it('accepts the result of an OcrEngine ({ blocks })', () => {
    const blocks = syntheticBlocks(2, 2);
    const document = loadTextractDocument({ blocks, pageCount: 2, engine: 'tesseract', warnings: [] } as never);
    expect(document).toEqual(loadTextractDocument(blocks));
    const broken = withBlock(blocks, 'p1-l0', (line) => ({ ...line, Geometry: undefined }));
    expect(String(catchError(() => loadTextractDocument({ blocks: broken })))).toMatch(/blocks\[1\]\.Geometry/);
  });
});

describe('text and defaults', () => {
  it('joins word text when a LINE has no Text, and keeps missing fields undefined', () => {
    const blocks = withBlock(
      withBlock(syntheticBlocks(1, 1), 'p1-l0', (line) => ({ ...line, Text: undefined, Confidence: undefined })),
      'p1-l0-w1',
      (word) => ({ ...word, Text: undefined, TextType: undefined }),
    );
    const line = loadTextractDocument(blocks).line('p1-l0');
    expect(line?.text).toBe('w1.0.0 ');
    expect(line?.confidence).toBeUndefined();
    expect(line?.words[1]?.textType).toBeUndefined();
  });

  it('lists words that belong to no line after the line words', () => {
    const blocks = [
      ...syntheticBlocks(1, 1),
      { BlockType: 'WORD', Id: 'loose', Text: 'x', Page: 1, Geometry: geometry(0.5, 0.9) },
    ];
    const page = loadTextractDocument(blocks).pages[0];
    expect(page?.words.map((word) => word.id)).toEqual(['p1-l0-w0', 'p1-l0-w1', 'loose']);
    expect(page?.words[2]?.lineId).toBeUndefined();
  });

  it('numbers a single PAGE block without Page as page 1', () => {
    const blocks = syntheticBlocks(1, 2, undefined, false);
    const document = loadTextractDocument(blocks);
    expect(document.pages.map((page) => page.pageNumber)).toEqual([1]);
    expect(document.lineCount).toBe(2);
  });

  it('throws when every PAGE block is unusable, even in skip mode', () => {
    const blocks = withBlock(syntheticBlocks(1, 1), 'p1', (page) => ({ ...page, Page: -1 }));
    const error = catchError(() => loadTextractDocument(blocks, { onInvalid: 'skip' }));
    expect(isResponseShapeError(error)).toBe(true);
    expect(String(error)).toMatch(/no usable PAGE block/);
  });
});

describe('tables, key-values and selection elements', () => {
  function formBlocks(): TextractBlockLike[] {
    return [
      ...syntheticBlocks(1, 2),
      {
        BlockType: 'SELECTION_ELEMENT',
        Id: 'box',
        Page: 1,
        SelectionStatus: 'SELECTED',
        Geometry: geometry(0.7, 0.1, 0.01, 0.01),
      },
      {
        BlockType: 'TABLE',
        Id: 'table',
        Page: 1,
        EntityTypes: ['STRUCTURED_TABLE'],
        Geometry: geometry(0.1, 0.1, 0.8, 0.2),
        Relationships: [
          { Type: 'CHILD', Ids: ['c11', 'c12', 'c21'] },
          { Type: 'MERGED_CELL', Ids: ['m'] },
          { Type: 'TABLE_TITLE', Ids: ['title'] },
        ],
      },
      { BlockType: 'CELL', Id: 'c12', RowIndex: 1, ColumnIndex: 2, Relationships: child('p1-l0-w1', 'box') },
      {
        BlockType: 'CELL',
        Id: 'c11',
        RowIndex: 1,
        ColumnIndex: 1,
        EntityTypes: ['COLUMN_HEADER'],
        Relationships: child('p1-l0-w0'),
      },
      {
        BlockType: 'CELL',
        Id: 'c21',
        RowIndex: 2,
        ColumnIndex: 1,
        ColumnSpan: 2,
        Relationships: child('p1-l1-w0', 'p1-l1-w1'),
      },
      {
        BlockType: 'MERGED_CELL',
        Id: 'm',
        RowIndex: 1,
        ColumnIndex: 1,
        ColumnSpan: 2,
        Relationships: child('c11', 'c12'),
      },
      { BlockType: 'TABLE_TITLE', Id: 'title', Relationships: child('p1-l0-w0') },
      {
        BlockType: 'KEY_VALUE_SET',
        Id: 'key',
        EntityTypes: ['KEY'],
        Geometry: geometry(0.1, 0.5),
        Relationships: [
          { Type: 'VALUE', Ids: ['value'] },
          { Type: 'CHILD', Ids: ['p1-l0-w0'] },
        ],
      },
      { BlockType: 'KEY_VALUE_SET', Id: 'value', EntityTypes: ['VALUE'], Relationships: child('box') },
      { BlockType: 'KEY_VALUE_SET', Id: 'lonely-key', EntityTypes: ['KEY'], Geometry: geometry(0.1, 0.6) },
    ];
  }

  it('builds cells with spans, merged cells, captions and their lines', () => {
    const table = loadTextractDocument(formBlocks()).pages[0]?.tables[0];
    expect([table?.rowCount, table?.columnCount, table?.entityTypes]).toEqual([2, 2, ['STRUCTURED_TABLE']]);
    expect(
      table?.cells.map((cell) => [cell.id, cell.text, cell.mergedCellId, cell.lines.map((line) => line.id)]),
    ).toEqual([
      ['c11', 'w1.0.0', 'm', ['p1-l0']],
      ['c12', 'w1.0.1', 'm', ['p1-l0']],
      ['c21', 'w1.1.0 w1.1.1', undefined, ['p1-l1']],
    ]);
    expect(table?.cells[1]?.selectionElements.map((element) => element.selected)).toEqual([true]);
    expect(table?.cells[0]?.entityTypes).toEqual(['COLUMN_HEADER']);
    expect(table?.mergedCells).toEqual([
      expect.objectContaining({ id: 'm', cellIds: ['c11', 'c12'], text: 'w1.0.0 w1.0.1', columnSpan: 2 }),
    ]);
    expect(table?.titles.map((title) => title.text)).toEqual(['w1.0.0']);
    expect(table?.footers).toEqual([]);
  });

  it('pairs keys with values, keeps keys without a value, and lists selection elements', () => {
    const page = loadTextractDocument(formBlocks()).pages[0];
    expect(page?.keyValues.map((kv) => [kv.id, kv.key.text, kv.value?.id, kv.value?.selectionElements.length])).toEqual(
      [
        ['key', 'w1.0.0', 'value', 1],
        ['lonely-key', '', undefined, undefined],
      ],
    );
    expect(page?.selectionElements.map((element) => [element.id, element.status])).toEqual([['box', 'SELECTED']]);
  });

  it('reads the legacy KEY / VALUE block types', () => {
    const blocks = [
      ...syntheticBlocks(1, 1),
      { BlockType: 'KEY', Id: 'k', Relationships: [...child('p1-l0-w0'), { Type: 'VALUE', Ids: ['v'] }] },
      { BlockType: 'VALUE', Id: 'v', Relationships: child('p1-l0-w1') },
    ];
    const kv = loadTextractDocument(blocks).pages[0]?.keyValues[0];
    expect([kv?.key.text, kv?.value?.text]).toEqual(['w1.0.0', 'w1.0.1']);
  });

  it('is identical after shuffling', () => {
    const blocks = formBlocks();
    expect(loadTextractDocument(shuffle(blocks, 5))).toEqual(loadTextractDocument(blocks));
  });
});

function catchError(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}
