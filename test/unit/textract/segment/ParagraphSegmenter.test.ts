import type { AnalyzeDocumentCommandOutput, GetDocumentAnalysisCommandOutput } from '@aws-sdk/client-textract';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { angleDifferenceDeg } from '../../../../src/geometry/normalizeAngleDeg.js';
import { isResponseShapeError, isValidationError } from '../../../../src/kit/errors.js';
import { loadTextractDocument } from '../../../../src/textract/model/loadTextractDocument.js';
import type { TextractBlockLike, TextractResponseLike } from '../../../../src/textract/model/TextractBlockLike.js';
import {
  DEFAULT_SEGMENTER_OPTIONS,
  ParagraphSegmenter,
  type Segment,
  toSegmentInput,
} from '../../../../src/textract/segment/index.js';
import { toReadingFrame } from '../../../../src/textract/segment/toReadingFrame.js';
import { expectNoSentinel, recordingLogger, SENTINEL } from '../../../helpers/sentinel.js';
import { loadFixture } from './fixtures.js';
import { segmentationAgreement } from './rotation-agreement.js';
import { syntheticResponse } from './synthetic.js';

const heuristic = new ParagraphSegmenter({ useLayout: 'ignore' });
const layout = new ParagraphSegmenter({ mode: 'layout' });

const texts = (segments: readonly Segment[]) => segments.map((s) => s.text);
const lineIds = (segments: readonly Segment[]) => segments.flatMap((s) => s.lines.map((l) => l.id));
const lineCount = (response: TextractResponseLike) =>
  (response.Blocks ?? []).filter((b) => b.BlockType === 'LINE').length;

function clone(response: TextractResponseLike): { Blocks: TextractBlockLike[] } {
  return JSON.parse(JSON.stringify(response));
}

describe('ParagraphSegmenter layout mode', () => {
  it('expands LAYOUT_LIST into list items at the list position (04)', () => {
    const segments = layout.segment(loadFixture('04-financial-document-layout/financial-document-response.json'));
    const roles = segments.map((s) => s.role);
    const firstItem = roles.indexOf('listItem');
    expect(roles.filter((r) => r === 'listItem')).toHaveLength(5);
    expect(roles[firstItem - 1]).toBe('table');
    expect(segments[firstItem]?.text.startsWith('**')).toBe(true);
    expect(roles.at(-1)).toBe('pageNumber');
    expect(segments.map((s) => s.readingOrder)).toEqual(segments.map((_, i) => i));
  });

  it('keeps empty figures, with the LAYOUT box (05)', () => {
    const segments = layout.segment(loadFixture('05-paystub-layout/paystub-response.json'));
    const empty = segments.filter((s) => s.role === 'figure' && s.lines.length === 0);
    expect(empty).toHaveLength(2);
    for (const figure of empty) {
      expect(figure.bbox.width).toBeGreaterThan(0);
      expect(figure.text).toBe('');
      expect(figure.layoutId).toBeDefined();
    }
  });

  it('attaches a line outside every LAYOUT block to the nearest block, once', () => {
    const response = clone(
      loadFixture('07-sample-invoice-layout/test_detect_no_duplicate_words_sample-invoice.pdf.json'),
    );
    const footer = response.Blocks.find((b) => b.BlockType === 'LAYOUT_FOOTER')!;
    const children = footer.Relationships!.find((r) => r.Type === 'CHILD')!;
    const orphan = children.Ids![1]!;
    (children as { Ids: string[] }).Ids = children.Ids!.filter((id) => id !== orphan);
    const segments = layout.segment(response);
    const ids = lineIds(segments);
    expect(ids).toHaveLength(lineCount(response));
    expect(new Set(ids).size).toBe(ids.length);
    const host = segments.find((s) => s.lines.some((l) => l.id === orphan))!;
    expect(host.role).toBe('pageFooter');
    expect(host.lines).toHaveLength(2);
  });

  it('maps LAYOUT types to roles, with layout confidence in 0–1', () => {
    const segments = layout.segment(
      loadFixture('07-sample-invoice-layout/test_detect_no_duplicate_words_sample-invoice.pdf.json'),
    );
    expect(new Set(segments.map((s) => s.role))).toEqual(
      new Set(['figure', 'pageHeader', 'title', 'sectionHeader', 'paragraph', 'table', 'pageFooter', 'pageNumber']),
    );
    for (const s of segments) {
      expect(s.source).toBe('layout');
      expect(s.confidence).toBeGreaterThan(0);
      expect(s.confidence).toBeLessThanOrEqual(1);
    }
  });

  it("falls back to heuristics on pages without LAYOUT under useLayout 'auto'", () => {
    const segments = layout.segment(loadFixture('01-multicol/test-multicol-response.json'));
    expect(segments.every((s) => s.source === 'heuristic')).toBe(true);
  });

  it("refuses a page without LAYOUT under useLayout 'require'", () => {
    const strict = new ParagraphSegmenter({ useLayout: 'require' });
    const error = catchError(() => strict.segment(loadFixture('01-multicol/test-multicol-response.json')));
    expect(isValidationError(error)).toBe(true);
    expect((error as Error).message).toContain('LAYOUT');
    // The single-cue modes never use LAYOUT, so 'require' does not apply to them.
    const spacing = new ParagraphSegmenter({ mode: 'lineSpacing', useLayout: 'require' });
    expect(spacing.segment(loadFixture('01-multicol/test-multicol-response.json')).length).toBeGreaterThan(0);
  });

  it("refuses mode 'layout' with useLayout 'ignore'", () => {
    expect(
      isValidationError(
        catchError(() =>
          new ParagraphSegmenter({ mode: 'layout', useLayout: 'ignore' }).segment(syntheticResponse([])),
        ),
      ),
    ).toBe(true);
  });

  it('takes SDK outputs without a cast (checked by tsc)', () => {
    type Input = Parameters<ParagraphSegmenter['segment']>[0];
    expectTypeOf<AnalyzeDocumentCommandOutput>().toExtend<Input>();
    expectTypeOf<GetDocumentAnalysisCommandOutput[]>().toExtend<Input>();
  });

  it('accepts a loaded TextractDocument as well as raw responses, with the same result', () => {
    const response = loadFixture('04-financial-document-layout/financial-document-response.json');
    expect(layout.segment(loadTextractDocument(response))).toEqual(layout.segment(response));
  });
});

describe('ParagraphSegmenter single heuristics', () => {
  const prose = syntheticResponse([
    { text: 'Annual Report', left: 0.1, top: 0.2, height: 0.04, width: 0.4 },
    { text: 'The first paragraph starts here and', left: 0.1, top: 0.27, width: 0.8 },
    { text: 'it ends on this line.', left: 0.1, top: 0.295, width: 0.4 },
    { text: 'The second paragraph follows at', left: 0.1, top: 0.32, width: 0.8 },
    { text: 'once, without any extra space.', left: 0.1, top: 0.345, width: 0.5 },
    { text: 'A third paragraph after a gap', left: 0.1, top: 0.42, width: 0.8 },
    { text: 'closes the page.', left: 0.1, top: 0.445, width: 0.35 },
  ]);

  it('fontSize: a taller line is a heading and breaks from the body', () => {
    const segments = new ParagraphSegmenter({ mode: 'fontSize' }).segment(prose);
    expect(segments[0]).toMatchObject({ role: 'title', text: 'Annual Report' });
    expect(segments).toHaveLength(2);
  });

  it('lineSpacing: only the wide gap breaks', () => {
    const segments = new ParagraphSegmenter({ mode: 'lineSpacing' }).segment(prose);
    expect(texts(segments)).toEqual([
      'Annual Report',
      'The first paragraph starts here and it ends on this line. The second paragraph follows at once, without any extra space.',
      'A third paragraph after a gap closes the page.',
    ]);
  });

  it('fullStop: every sentence end breaks, and nothing else', () => {
    const segments = new ParagraphSegmenter({ mode: 'fullStop' }).segment(prose);
    // The heading has no full stop, so this cue alone runs it into the first paragraph.
    expect(segments.map((s) => s.lines.length)).toEqual([3, 2, 2]);
    expect(segments.every((s) => s.role === 'paragraph')).toBe(true);
  });

  it('indentation: a changed left edge breaks', () => {
    const indented = syntheticResponse([
      { text: 'First paragraph line one', left: 0.1, top: 0.2, width: 0.6 },
      { text: 'and its line two', left: 0.1, top: 0.225, width: 0.4 },
      { text: 'Indented start of the next', left: 0.16, top: 0.25, width: 0.54 },
      { text: 'paragraph continues here', left: 0.1, top: 0.275, width: 0.6 },
    ]);
    const segments = new ParagraphSegmenter({ mode: 'indentation' }).segment(indented);
    expect(segments.map((s) => s.lines.length)).toEqual([2, 1, 1]);
  });

  it('auto: breaks where the first word would have fitted after a sentence end, and at list markers', () => {
    const page = syntheticResponse([
      { text: 'A paragraph that fills the whole column width', left: 0.1, top: 0.2, width: 0.8 },
      { text: 'ends early.', left: 0.1, top: 0.225, width: 0.2 },
      { text: 'Then a new one starts right below it and', left: 0.1, top: 0.25, width: 0.8 },
      { text: 'runs on.', left: 0.1, top: 0.275, width: 0.15 },
      { text: '1. first item', left: 0.1, top: 0.3, width: 0.3 },
      { text: '2. second item', left: 0.1, top: 0.325, width: 0.3 },
    ]);
    const segments = heuristic.segment(page);
    expect(segments.map((s) => [s.role, s.lines.length])).toEqual([
      ['paragraph', 2],
      ['paragraph', 2],
      ['listItem', 1],
      ['listItem', 1],
    ]);
    const reasons = heuristic
      .explain(page)
      .filter((b) => b.isBreak)
      .map((b) => b.reason);
    expect(reasons).toEqual(['firstWordFits', 'listMarker', 'listMarker']);
  });

  it('auto: a number and a capitalised word start a footnote only where the number would have fitted above', () => {
    const page = syntheticResponse([
      { text: 'The fund was wound up and its assets moved on', left: 0.1, top: 0.2, width: 0.8 },
      { text: '15 March 2021 after the board had agreed to it.', left: 0.1, top: 0.225, width: 0.6 },
      { text: '1 Only members in good standing voted at the meeting', left: 0.1, top: 0.25, width: 0.8 },
      { text: 'of the board.', left: 0.1, top: 0.275, width: 0.2 },
      { text: '2 Two abstained.', left: 0.1, top: 0.3, width: 0.25 },
    ]);
    expect(heuristic.segment(page).map((s) => [s.role, s.lines.length])).toEqual([
      ['paragraph', 2],
      ['listItem', 2],
      ['listItem', 1],
    ]);
  });

  it('auto: judges the first-word fit against the column, not just the two short lines', () => {
    const page = syntheticResponse([
      { text: 'A wide first line that fills the whole column', left: 0.1, top: 0.2, width: 0.8 },
      { text: 'and ends here.', left: 0.1, top: 0.225, width: 0.2 },
      { text: 'Short one.', left: 0.1, top: 0.25, width: 0.15 },
      { text: 'Another wide line that fills the column again', left: 0.1, top: 0.275, width: 0.8 },
    ]);
    expect(heuristic.segment(page).map((s) => s.lines.length)).toEqual([2, 1, 1]);
  });

  it('auto: does not take centred lines for a first-line indent', () => {
    const page = syntheticResponse([
      { text: 'A centred line that ends a sentence.', left: 0.2, top: 0.2, width: 0.6 },
      { text: 'and a shorter centred one', left: 0.3, top: 0.225, width: 0.4 },
      { text: 'closing the stanza.', left: 0.35, top: 0.25, width: 0.3 },
    ]);
    expect(heuristic.segment(page)).toHaveLength(1);
    expect(heuristic.explain(page).map((b) => b.alignment)).toEqual(['centre', 'centre']);
  });

  it('re-joins LINEs Textract split on one baseline', () => {
    const page = syntheticResponse([
      { text: 'For', left: 0.1, top: 0.2, width: 0.036 },
      { text: 'our test document, the line was split', left: 0.148, top: 0.2, width: 0.5 },
      { text: 'in two by the OCR.', left: 0.1, top: 0.225, width: 0.25 },
    ]);
    const segments = heuristic.segment(page);
    expect(texts(segments)).toEqual(['For our test document, the line was split in two by the OCR.']);
    expect(segments[0]?.lines.map((l) => l.id)).toEqual(['line-0', 'line-1', 'line-2']);
  });
});

describe('ParagraphSegmenter rotation', () => {
  const reference = heuristic.segment(loadFixture('17-rotated-json-only/gib__180_degrees.json'));
  it.each(['gib__10_degrees', 'gib__minus_10_degrees', 'gib__90_degrees', 'gib__270_degrees'])(
    '%s segments like the 180° copy once normalised',
    (name) => {
      const segments = heuristic.segment(loadFixture(`17-rotated-json-only/${name}.json`));
      const agreement = segmentationAgreement(reference, segments);
      expect(agreement.f1).toBeGreaterThanOrEqual(0.95);
      expect(agreement.tau).toBeGreaterThanOrEqual(0.95);
      expect(segments.filter((s) => s.role === 'table')).toHaveLength(3);
    },
  );

  it.each([
    ['gib__10_degrees', 10],
    ['gib__minus_10_degrees', -10],
    ['gib__90_degrees', 90],
    ['gib__180_degrees', 180],
    ['gib__270_degrees', -90],
  ])('measures the text angle of %s in page units (%d°), not the ~7° of normalised units', (name, expected) => {
    const [page] = toSegmentInput(loadFixture(`17-rotated-json-only/${name}.json`)).pages;
    const { angleDeg } = toReadingFrame(page!);
    expect(Math.abs(angleDifferenceDeg(angleDeg, expected))).toBeLessThan(1);
  });
});

describe('ParagraphSegmenter tables', () => {
  it('keeps the dense table of 15 out of prose', () => {
    const response = loadFixture('15-amzn-q2-dense-table/test_detect_no_duplicate_words_amzn_q2.png.json');
    expect(tableShare(response, heuristic.segment(response))).toBeGreaterThanOrEqual(0.9);
  });

  it('keeps the dense table of 15 out of prose without TABLE or LAYOUT blocks (grid heuristic)', () => {
    const response = clone(loadFixture('15-amzn-q2-dense-table/test_detect_no_duplicate_words_amzn_q2.png.json'));
    const kept = response.Blocks.filter((b) => ['PAGE', 'LINE', 'WORD'].includes(b.BlockType ?? ''));
    const ids = new Set(kept.map((b) => b.Id));
    const plain = kept.map((b) => ({
      ...b,
      Relationships: b.Relationships?.map((r) => ({ ...r, Ids: r.Ids?.filter((id) => ids.has(id)) })),
    }));
    const segments = heuristic.segment({ Blocks: plain });
    expect(segments.some((s) => s.role === 'table')).toBe(true);
    expect(tableShare(response, segments)).toBeGreaterThanOrEqual(0.9);
  });

  it('finds the cell grid of plain DetectDocumentText output (09) as one table', () => {
    const segments = heuristic.segment(loadFixture('09-single-page-detect-and-layout/test_detect_document_text.json'));
    const tables = segments.filter((s) => s.role === 'table');
    expect(tables).toHaveLength(1);
    expect(tables[0]?.lines.every((l) => l.text.startsWith('Cell'))).toBe(true);
  });

  it('does not trust a TABLE block made of running text (02)', () => {
    const segments = heuristic.segment(loadFixture('02-multicol-2/test-multicol-response-2.json'));
    expect(segments.some((s) => s.role === 'table')).toBe(false);
  });
});

describe('ParagraphSegmenter page furniture and pages', () => {
  it('labels the header row, footer and page number of 02', () => {
    const segments = heuristic.segment(loadFixture('02-multicol-2/test-multicol-response-2.json'));
    const role = (text: string) => segments.find((s) => s.text === text)?.role;
    expect(role('HEADING OF THE PAGE GOES HERE')).toBe('pageHeader');
    expect(role('Section ID')).toBe('pageHeader');
    expect(role('THE END')).toBe('pageFooter');
    expect(role('Page 1')).toBe('pageNumber');
  });

  it('finds a header repeated across pages outside the header band', () => {
    const pages = [1, 2, 3];
    const response = syntheticResponse(
      pages.flatMap((page) => [
        { text: `Quarterly review, part ${page}`, left: 0.1, top: 0.16, width: 0.4, page },
        { text: 'Body text that differs on every page and', left: 0.1, top: 0.3 + page * 0.05, width: 0.8, page },
        { text: `goes on for page ${page}.`, left: 0.1, top: 0.325 + page * 0.05, width: 0.3, page },
      ]),
      3,
    );
    const segments = heuristic.segment(response);
    const headers = segments.filter((s) => s.role === 'pageHeader');
    expect(headers.map((s) => s.page)).toEqual([1, 2, 3]);
    expect(
      new ParagraphSegmenter({ useLayout: 'ignore', repeatMinShare: 1 })
        .segment(response)
        .filter((s) => s.role === 'pageHeader'),
    ).toHaveLength(3);
  });

  it('continues a paragraph across pages when it has no sentence end and the next page starts in lower case', () => {
    const response = syntheticResponse(
      [
        { text: 'The story begins on the first page and', left: 0.1, top: 0.5, width: 0.8, page: 1 },
        { text: 'is not over yet when the page ends', left: 0.1, top: 0.525, width: 0.75, page: 1 },
        { text: 'but carries on over here.', left: 0.1, top: 0.3, width: 0.4, page: 2 },
        { text: 'A new paragraph then starts.', left: 0.1, top: 0.4, width: 0.5, page: 2 },
      ],
      2,
    );
    const segments = heuristic.segment(response);
    expect(segments[0]).toMatchObject({ page: 1, continuesOnNextPage: true });
    expect(segments[1]).toMatchObject({ page: 2, continuesFromPreviousPage: true });
    expect(heuristic.toText(segments).split('\n\n')[0]).toBe(
      'The story begins on the first page and is not over yet when the page ends but carries on over here.',
    );
    expect(
      new ParagraphSegmenter({ useLayout: 'ignore', crossPage: false }).segment(response)[0]?.continuesOnNextPage,
    ).toBe(false);
  });

  it('continues the table of 19 over its three pages', () => {
    const segments = heuristic.segment(loadFixture('19-multipage-3p-json-only/gib_multi_page_table_merge.json'));
    const tables = segments.filter((s) => s.role === 'table');
    expect(tables.map((t) => t.page)).toEqual([1, 1, 2, 3]);
    expect(tables.map((t) => t.continuesOnNextPage)).toEqual([false, true, true, false]);
  });

  it('numbers segments across pages in reading order (13)', () => {
    const segments = heuristic.segment(
      loadFixture('13-multipage-async/test_textractor_analyze_document_multipage_pdf.json'),
    );
    expect(segments.map((s) => s.readingOrder)).toEqual(segments.map((_, i) => i));
    expect(segments.map((s) => s.page)).toEqual([...segments.map((s) => s.page)].sort((a, b) => a - b));
    expect(segments.filter((s) => s.role === 'table').map((s) => s.page)).toEqual([1, 2]);
  });
});

describe('ParagraphSegmenter explain()', () => {
  it('explains every decision with the same outcome as segment()', () => {
    const response = loadFixture('01-multicol/test-multicol-response.json');
    const segments = heuristic.segment(response);
    const segmentOf = new Map(segments.flatMap((s) => s.lines.map((l) => [l.id, s.readingOrder] as const)));
    const explanations = heuristic.explain(response);
    expect(explanations.length).toBeGreaterThan(10);
    for (const e of explanations) {
      expect(segmentOf.get(e.fromLineId) === segmentOf.get(e.toLineId)).toBe(!e.isBreak);
    }
    const gapBreaks = explanations.filter((e) => e.reason === 'gap');
    expect(gapBreaks.length).toBeGreaterThanOrEqual(3);
    for (const e of gapBreaks)
      expect(e.gapRatio).toBeGreaterThan(e.typicalGapRatio + DEFAULT_SEGMENTER_OPTIONS.gapToleranceRatio);
  });

  it('returns nothing for LAYOUT pages', () => {
    expect(layout.explain(loadFixture('04-financial-document-layout/financial-document-response.json'))).toEqual([]);
  });
});

describe('ParagraphSegmenter output helpers', () => {
  const segments = heuristic.segment(loadFixture('01-multicol/test-multicol-response.json'));

  it('toText() gives one block per segment in reading order', () => {
    const text = heuristic.toText(segments);
    expect(text.split('\n\n')).toHaveLength(segments.length);
    expect(text.startsWith('Multi-column test document\n\n')).toBe(true);
    expect(text.endsWith('good start.\n')).toBe(true);
  });

  it('toMarkdown() marks the title and leaves furniture out', () => {
    const md = new ParagraphSegmenter({ useLayout: 'ignore' }).toMarkdown(
      heuristic.segment(loadFixture('02-multicol-2/test-multicol-response-2.json')),
    );
    expect(md).not.toContain('HEADING OF THE PAGE');
    expect(md).not.toContain('Page 1');
    expect(heuristic.toMarkdown(segments).startsWith('# Multi-column test document\n\n')).toBe(true);
    expect(
      heuristic.toMarkdown(
        layout.segment(loadFixture('04-financial-document-layout/financial-document-response.json')),
      ),
    ).toContain('\n- ');
  });

  it('toJSON() lists role, page, text, readingOrder and lineIds', () => {
    const json = heuristic.toJSON(segments);
    expect(json[0]).toEqual({
      role: 'title',
      page: 1,
      text: 'Multi-column test document',
      readingOrder: 0,
      lineIds: [segments[0]!.lines[0]!.id],
      source: 'heuristic',
      confidence: expect.any(Number),
      continuesOnNextPage: false,
    });
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
  });
});

describe('ParagraphSegmenter bad input', () => {
  it('rejects a response without PAGE blocks with a ResponseShapeError', () => {
    const response = clone(loadFixture('01-multicol/test-multicol-response.json'));
    const error = catchError(() =>
      heuristic.segment({ Blocks: response.Blocks.filter((b) => b.BlockType !== 'PAGE') }),
    );
    expect(isResponseShapeError(error)).toBe(true);
  });

  it('rejects NaN geometry and dangling children by name, never with a TypeError', () => {
    const nan = clone(loadFixture('01-multicol/test-multicol-response.json'));
    const line = nan.Blocks.find((b) => b.BlockType === 'LINE')!;
    (line.Geometry!.BoundingBox as { Left: number }).Left = Number.NaN;
    expect(isResponseShapeError(catchError(() => heuristic.segment(nan)))).toBe(true);

    const dangling = clone(loadFixture('01-multicol/test-multicol-response.json'));
    const other = dangling.Blocks.find((b) => b.BlockType === 'LINE')!;
    (other.Relationships![0] as { Ids: string[] }).Ids.push('no-such-word');
    expect(isResponseShapeError(catchError(() => heuristic.segment(dangling)))).toBe(true);
  });

  it('rejects malformed JSON text and non-objects with a ValidationError', () => {
    expect(isValidationError(catchError(() => heuristic.segment('{ not json')))).toBe(true);
    expect(isValidationError(catchError(() => heuristic.segment(42 as never)))).toBe(true);
  });

  it('with skipInvalidLines, reports a broken LINE through the logger and keeps every other line once', () => {
    const response = clone(loadFixture('01-multicol/test-multicol-response.json'));
    const broken = response.Blocks.filter((b) => b.BlockType === 'LINE')[3]!;
    broken.Text = SENTINEL;
    (broken.Geometry!.BoundingBox as { Top: number }).Top = Number.POSITIVE_INFINITY;
    const logger = recordingLogger();
    const segments = new ParagraphSegmenter({ useLayout: 'ignore', skipInvalidLines: true, logger }).segment(response);
    const ids = lineIds(segments);
    expect(ids).toHaveLength(lineCount(response) - 1);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).not.toContain(broken.Id);
    expect(logger.lines.some((l) => l.startsWith('warn'))).toBe(true);
    expectNoSentinel(logger.lines);
  });

  it('names the option and rule for bad options', () => {
    for (const bad of [
      { mode: 'words' },
      { useLayout: 'maybe' },
      { gapToleranceRatio: -1 },
      { furnitureBand: 0.6 },
      { indentChars: Number.NaN },
    ]) {
      const error = catchError(() => new ParagraphSegmenter(bad as never));
      expect(isValidationError(error)).toBe(true);
      expect((error as { field: string }).field).toMatch(/^options\./);
    }
  });

  it('never puts document text in errors', () => {
    const response = clone(loadFixture('01-multicol/test-multicol-response.json'));
    for (const b of response.Blocks) if (b.Text !== undefined) b.Text = `${SENTINEL} ${b.Text}`;
    const page = response.Blocks.find((b) => b.BlockType === 'PAGE')!;
    (page.Geometry!.BoundingBox as { Width: number }).Width = 0;
    const error = catchError(() => heuristic.segment(response));
    expect(isResponseShapeError(error)).toBe(true);
    expectNoSentinel([], error);
  });
});

function tableShare(response: TextractResponseLike, segments: readonly Segment[]): number {
  const blocks = response.Blocks ?? [];
  const tableLines = new Set(
    blocks
      .filter((b) => b.BlockType === 'LAYOUT_TABLE')
      .flatMap((b) => (b.Relationships ?? []).flatMap((r) => r.Ids ?? [])),
  );
  let ok = 0;
  for (const s of segments) {
    for (const l of s.lines) if (tableLines.has(l.id) && (s.role === 'table' || s.lines.length === 1)) ok++;
  }
  return ok / tableLines.size;
}

function catchError(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  return undefined;
}
