import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { isResponseShapeError, isValidationError } from '../../../../src/kit/errors.js';
import { loadTextractDocument } from '../../../../src/textract/index.js';
import type { TextractBlockLike } from '../../../../src/textract/model/TextractBlockLike.js';
import { expectNoSentinel, recordingLogger, SENTINEL } from '../../../helpers/sentinel.js';
import { geometry, syntheticBlocks, withBlock } from './synthetic.js';

function thrown(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

const sentinelBlocks = () => syntheticBlocks(2, 3, () => SENTINEL);

describe('loadTextractDocument: input that is not Textract output', () => {
  it('rejects malformed JSON with a ValidationError that does not quote the text', () => {
    const error = thrown(() => loadTextractDocument(`{"Blocks": [${SENTINEL}`));
    expect(isValidationError(error)).toBe(true);
    expect((error as { field: string }).field).toBe('input');
    expect(String(error)).toMatch(/not valid JSON/);
    expectNoSentinel([], error);
    expect(isValidationError(thrown(() => loadTextractDocument(new TextEncoder().encode('nope'))))).toBe(true);
  });

  it.each([
    ['null', null],
    ['a number', 42],
    ['an empty array', []],
    ['an object without Blocks', { DocumentMetadata: { Pages: 1 } }],
    ['Blocks that is not an array', { Blocks: 'x' }],
    ['a mixed array', [{ Blocks: [] }, { BlockType: 'PAGE', Id: 'p' }]],
    ['an array with a non-object', [{ Blocks: [] }, 7]],
  ])('rejects %s with a ValidationError', (_, input) => {
    expect(isValidationError(thrown(() => loadTextractDocument(input as never)))).toBe(true);
  });

  it('rejects input without a PAGE block, in both modes', () => {
    const blocks = syntheticBlocks().filter((block) => block.BlockType !== 'PAGE');
    for (const onInvalid of ['throw', 'skip'] as const) {
      const error = thrown(() => loadTextractDocument(blocks, { onInvalid }));
      expect(isResponseShapeError(error)).toBe(true);
      expect(String(error)).toMatch(/no PAGE block/);
    }
    expect(isResponseShapeError(thrown(() => loadTextractDocument({ Blocks: [] })))).toBe(true);
  });

  it('rejects failed or unfinished jobs', () => {
    for (const JobStatus of ['FAILED', 'IN_PROGRESS']) {
      const error = thrown(() => loadTextractDocument({ JobStatus, Blocks: syntheticBlocks() }));
      expect(isResponseShapeError(error)).toBe(true);
      expect(String(error)).toContain(JobStatus);
    }
  });

  it.each([
    ['onInvalid', { onInvalid: 'ignore' }],
    ['geometryMargin', { geometryMargin: -1 }],
    ['pageSizes (zero width)', { pageSizes: { widthPt: 0, heightPt: 792 } }],
    ['pageSizes (NaN height)', { pageSizes: [{ widthPt: 612, heightPt: Number.NaN }] }],
    ['pageSizes (not an object)', { pageSizes: [7] }],
    ['pageSizes function result', { pageSizes: () => ({ widthPt: -1, heightPt: 1 }) }],
  ])('rejects a bad %s option with a ValidationError naming it', (name, options) => {
    const error = thrown(() => loadTextractDocument(syntheticBlocks(), options as never));
    expect(isValidationError(error)).toBe(true);
    expect((error as { field: string }).field).toContain(name.split(' ')[0]);
  });
});

describe('loadTextractDocument: invalid blocks', () => {
  const cases: [string, (blocks: TextractBlockLike[]) => TextractBlockLike[], string, RegExp][] = [
    [
      'a relationship to a missing block',
      (blocks) =>
        withBlock(blocks, 'p1-l1', (b) => ({ ...b, Relationships: [{ Type: 'CHILD', Ids: ['p1-l1-w0', 'gone'] }] })),
      'MISSING_BLOCK',
      /Relationships.*gone.*not in the input/,
    ],
    [
      'NaN geometry',
      (blocks) =>
        withBlock(blocks, 'p1-l1', (b) => ({
          ...b,
          Geometry: { BoundingBox: { Left: Number.NaN, Top: 0, Width: 1, Height: 1 } },
        })),
      'INVALID_GEOMETRY',
      /BoundingBox\.Left is NaN/,
    ],
    [
      'out-of-page geometry',
      (blocks) => withBlock(blocks, 'p1-l1', (b) => ({ ...b, Geometry: geometry(3, 0.5) })),
      'INVALID_GEOMETRY',
      /outside the page/,
    ],
    [
      'a polygon point that is not finite',
      (blocks) =>
        withBlock(blocks, 'p1-l1', (b) => ({
          ...b,
          Geometry: {
            Polygon: [
              { X: 0, Y: 0 },
              { X: Infinity, Y: 0 },
              { X: 1, Y: 1 },
            ],
          },
        })),
      'INVALID_GEOMETRY',
      /Polygon\[1\]/,
    ],
    [
      'missing geometry',
      (blocks) => withBlock(blocks, 'p1-l1', (b) => ({ ...b, Geometry: undefined })),
      'INVALID_GEOMETRY',
      /Geometry/,
    ],
    [
      'a negative size',
      (blocks) =>
        withBlock(blocks, 'p1-l1', (b) => ({
          ...b,
          Geometry: { BoundingBox: { Left: 0.5, Top: 0.5, Width: -0.1, Height: 0.1 } },
        })),
      'INVALID_GEOMETRY',
      /negative/,
    ],
    [
      'a page with no PAGE block',
      (blocks) => withBlock(blocks, 'p1-l1', (b) => ({ ...b, Page: 7 })),
      'INVALID_PAGE',
      /no PAGE block for page 7/,
    ],
    [
      'a page number that is not an integer',
      (blocks) => withBlock(blocks, 'p1-l1', (b) => ({ ...b, Page: 1.5 })),
      'INVALID_PAGE',
      /1\.5/,
    ],
    [
      'a duplicate id',
      (blocks) => [...blocks, { ...(blocks[1] as TextractBlockLike) }],
      'DUPLICATE_ID',
      /repeats block id/,
    ],
    [
      'a block without Id',
      (blocks) => [...blocks, { BlockType: 'LINE', Text: SENTINEL }],
      'MISSING_ID',
      /Id is missing/,
    ],
    ['a block that is not an object', (blocks) => [...blocks, null as never], 'MISSING_ID', /not a block object/],
    [
      'a zero-size PAGE block',
      (blocks) => withBlock(blocks, 'p2', (b) => ({ ...b, Geometry: geometry(0, 0, 0, 1) })),
      'INVALID_PAGE_BLOCK',
      /zero size/,
    ],
    [
      'a duplicate page number',
      (blocks) => withBlock(blocks, 'p2', (b) => ({ ...b, Page: 1 })),
      'INVALID_PAGE_BLOCK',
      /repeats page number 1/,
    ],
    [
      'a cell without row index',
      (blocks) => [
        ...blocks,
        {
          BlockType: 'TABLE',
          Id: 't',
          Page: 1,
          Geometry: geometry(0, 0.5),
          Relationships: [{ Type: 'CHILD', Ids: ['c'] }],
        },
        { BlockType: 'CELL', Id: 'c', Page: 1, ColumnIndex: 1, Geometry: geometry(0, 0.5) },
      ],
      'INVALID_CELL',
      /RowIndex/,
    ],
  ];

  describe.each(cases)('%s', (_, corrupt, code, message) => {
    const blocks = corrupt(sentinelBlocks());

    it('throws a ResponseShapeError naming the path, without document text', () => {
      const error = thrown(() => loadTextractDocument(blocks));
      expect(isResponseShapeError(error)).toBe(true);
      expect(String(error)).toMatch(message);
      expect(String(error)).toMatch(/onInvalid: 'skip'/);
      expectNoSentinel([], error);
    });

    it(`with onInvalid: 'skip' records ${code}, logs metadata only, and accounts for every LINE`, () => {
      const logger = recordingLogger();
      const document = loadTextractDocument(blocks, { onInvalid: 'skip', logger });
      expect(document.warnings.map((warning) => warning.code)).toContain(code);
      expect(logger.lines.some((line) => line.includes(`"code":"${code}"`))).toBe(true);
      expectNoSentinel([...logger.lines, JSON.stringify(document.warnings)]);
      const lineBlocks = blocks.filter((block) => block?.BlockType === 'LINE' && typeof block.Id === 'string');
      const lineIds = new Set(lineBlocks.map((block) => block.Id));
      const modelIds = [...document.lines()].map((line) => line.id);
      expect(new Set(modelIds).size).toBe(modelIds.length);
      expect(new Set([...modelIds, ...document.droppedLineIds])).toEqual(lineIds);
      for (const id of document.droppedLineIds) {
        expect(document.warnings.some((warning) => warning.blockId === id)).toBe(true);
      }
    });
  });

  it('keeps a line whose word reference is missing, with the words it has', () => {
    const blocks = withBlock(syntheticBlocks(), 'p1-l1', (b) => ({
      ...b,
      Relationships: [{ Type: 'CHILD', Ids: ['p1-l1-w0', 'gone'] }],
    }));
    const document = loadTextractDocument(blocks, { onInvalid: 'skip' });
    expect(document.line('p1-l1')?.words.map((word) => word.id)).toEqual(['p1-l1-w0']);
    expect(document.warnings).toEqual([
      expect.objectContaining({
        code: 'MISSING_BLOCK',
        blockId: 'p1-l1',
        blockType: 'LINE',
        path: 'Blocks[4].Relationships',
      }),
    ]);
  });

  it('keeps the first of two blocks with one id, whatever their types', () => {
    const blocks = syntheticBlocks();
    const line = blocks.find((b) => b.Id === 'p1-l1')!;
    const document = loadTextractDocument(
      [...blocks, { ...line, Text: 'second' }, { BlockType: 'WORD', Id: 'p1-l1', Text: 'third' }],
      { onInvalid: 'skip' },
    );
    expect(document.line('p1-l1')?.text).toBe(line.Text);
    expect(document.warnings.map((w) => w.code)).toEqual(['DUPLICATE_ID', 'DUPLICATE_ID']);
  });

  it('drops an invalid word but keeps its line', () => {
    const blocks = withBlock(syntheticBlocks(), 'p1-l0-w1', (b) => ({ ...b, Geometry: undefined }));
    const document = loadTextractDocument(blocks, { onInvalid: 'skip' });
    expect(document.line('p1-l0')?.words.map((word) => word.id)).toEqual(['p1-l0-w0']);
    expect(document.wordCount).toBe(5);
    expect(document.warnings[0]).toMatchObject({ code: 'INVALID_GEOMETRY', blockId: 'p1-l0-w1', page: 1 });
  });

  it('uses the full page when a PAGE block geometry is invalid (skip mode)', () => {
    const blocks = withBlock(syntheticBlocks(), 'p1', (b) => ({ ...b, Geometry: geometry(0, 0, 1, 0) }));
    const document = loadTextractDocument(blocks, { onInvalid: 'skip' });
    expect(document.pages[0]?.geometry.bbox).toEqual({ left: 0, top: 0, width: 1, height: 1 });
  });

  it('needs Page numbers on multi-page input', () => {
    const blocks = syntheticBlocks(2, 1, undefined, false);
    const error = thrown(() => loadTextractDocument(blocks));
    expect(String(error)).toMatch(/Page is missing on a PAGE block of multi-page input/);
    expect(
      isResponseShapeError(
        thrown(() => loadTextractDocument(blocks.map((b) => (b.BlockType === 'PAGE' ? { ...b, Page: 0 } : b)))),
      ),
    ).toBe(true);
  });

  it('reports a block of multi-page input whose page cannot be found', () => {
    const blocks = syntheticBlocks(2, 1);
    const orphan: TextractBlockLike = {
      BlockType: 'SELECTION_ELEMENT',
      Id: 's',
      Geometry: geometry(0.5, 0.5, 0.01, 0.01),
    };
    expect(String(thrown(() => loadTextractDocument([...blocks, orphan])))).toMatch(/belongs to no page/);
    const document = loadTextractDocument([...blocks, orphan], { onInvalid: 'skip' });
    expect(document.warnings).toEqual([expect.objectContaining({ code: 'INVALID_PAGE', blockId: 's' })]);
  });

  test.prop([
    fc.array(fc.tuple(fc.nat(), fc.constantFrom('nan', 'page', 'missing', 'drop-geometry')), { maxLength: 12 }),
  ])('every LINE is in the model exactly once or reported, whatever is corrupted', (corruptions) => {
    let blocks = syntheticBlocks(3, 6);
    const lineIds = blocks.filter((block) => block.BlockType === 'LINE').map((block) => block.Id as string);
    for (const [n, kind] of corruptions) {
      const id = lineIds[n % lineIds.length] as string;
      blocks = withBlock(blocks, id, (b) => {
        if (kind === 'nan')
          return { ...b, Geometry: { BoundingBox: { Left: Number.NaN, Top: 0, Width: 0, Height: 0 } } };
        if (kind === 'page') return { ...b, Page: 9 };
        if (kind === 'missing') return { ...b, Relationships: [{ Type: 'CHILD', Ids: ['nowhere'] }] };
        return { ...b, Geometry: undefined };
      });
    }
    const document = loadTextractDocument(blocks, { onInvalid: 'skip' });
    const modelIds = [...document.lines()].map((line) => line.id);
    expect(modelIds.length + document.droppedLineIds.length).toBe(lineIds.length);
    expect(new Set([...modelIds, ...document.droppedLineIds]).size).toBe(lineIds.length);
  });
});

describe('loadTextractDocument: response-level warnings', () => {
  it('never echoes text from odd field values in errors or warnings', () => {
    const pageAsText = withBlock(syntheticBlocks(1, 1), 'p1-l0', (b) => ({ ...b, Page: SENTINEL as never }));
    const error = thrown(() => loadTextractDocument(pageAsText));
    expect(String(error)).toMatch(/Page is a string \(17 characters\)/);
    const document = loadTextractDocument(
      { Warnings: [{ ErrorCode: `${SENTINEL} here` }], Blocks: syntheticBlocks(1, 1) },
      { onInvalid: 'skip' },
    );
    expect(document.warnings).toEqual([expect.objectContaining({ code: 'SERVICE_WARNING', serviceCode: 'UNKNOWN' })]);
    const optionError = thrown(() => loadTextractDocument(syntheticBlocks(), { onInvalid: SENTINEL as never }));
    expectNoSentinel([JSON.stringify(document.warnings)], error, optionError);
  });

  it('records service warnings, partial success and incomplete pagination', () => {
    const document = loadTextractDocument([
      {
        JobStatus: 'PARTIAL_SUCCESS',
        NextToken: 'more',
        Warnings: [{ ErrorCode: 'UNSUPPORTED_DOCUMENT', Pages: [2, 3] }, {}],
        Blocks: syntheticBlocks(1, 1),
      },
    ]);
    expect(document.warnings.map((warning) => [warning.code, warning.serviceCode, warning.page])).toEqual([
      ['PARTIAL_SUCCESS', undefined, undefined],
      ['SERVICE_WARNING', 'UNSUPPORTED_DOCUMENT', 2],
      ['SERVICE_WARNING', 'UNSUPPORTED_DOCUMENT', 3],
      ['SERVICE_WARNING', 'UNKNOWN', undefined],
      ['INCOMPLETE_PAGINATION', undefined, undefined],
    ]);
  });

  it('keeps one of each service warning repeated across paginated responses', () => {
    const warning = { ErrorCode: 'UNSUPPORTED_DOCUMENT', Pages: [1] };
    const document = loadTextractDocument([
      { NextToken: 'a', Warnings: [warning], Blocks: syntheticBlocks(1, 1) },
      { Warnings: [warning], Blocks: [] },
    ]);
    expect(document.warnings).toEqual([expect.objectContaining({ code: 'SERVICE_WARNING', page: 1 })]);
  });

  it('reports pages DocumentMetadata counts but the blocks lack', () => {
    const response = { DocumentMetadata: { Pages: 5 }, Blocks: syntheticBlocks(2, 1) };
    expect(loadTextractDocument(response).warnings).toEqual([
      expect.objectContaining({
        code: 'MISSING_PAGES',
        count: 3,
        message: 'DocumentMetadata.Pages is 5 but 2 of those pages have a PAGE block',
      }),
    ]);
    const complete = { DocumentMetadata: { Pages: 2 }, Blocks: syntheticBlocks(2, 1) };
    expect(loadTextractDocument(complete).warnings).toEqual([]);
  });

  it('accepts JSON text with a byte-order mark', () => {
    const text = `\uFEFF${JSON.stringify({ Blocks: syntheticBlocks(1, 2) })}`;
    expect(loadTextractDocument(text).lineCount).toBe(2);
  });

  it('accepts a final response without NextToken and responses without Blocks', () => {
    const document = loadTextractDocument([
      { NextToken: 'a', Blocks: syntheticBlocks(1, 2) },
      { JobStatus: 'SUCCEEDED' },
    ]);
    expect(document.warnings).toEqual([]);
    expect(document.lineCount).toBe(2);
  });
});
