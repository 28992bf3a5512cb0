import { boxUnionAll } from '../../geometry/boxUnion.js';
import { boxToPolygon } from '../../geometry/Polygon.js';
import { ValidationError } from '../../kit/errors.js';
import { createSafeLogger } from '../../kit/log.js';
import { findRepeatedFurniture, markFurniture } from './furniture.js';
import { bodyHeightOf } from './headings.js';
import { joinBaselineFragments, type Unit } from './joinBaselineFragments.js';
import { resolveSegmenterOptions, type SegmenterOptions } from './options.js';
import { type SegmentJSON, segmentsToJSON, segmentsToMarkdown, segmentsToText } from './output.js';
import type { PageDraft } from './PageDraft.js';
import { segmentPageByLayout } from './segmentPageByLayout.js';
import { segmentPageHeuristically } from './segmentPageHeuristically.js';
import { attachTableGrids } from './tableGrid.js';
import { endsSentence, startsLowercase } from './text-cues.js';
import { type FrameLine, type PageFrame, toReadingFrame } from './toReadingFrame.js';
import { type InputPage, type SegmentableDocument, segmentInputOf } from './toSegmentInput.js';
import type { BreakExplanation, Segment, SegmentLine } from './types.js';

interface PageWork {
  page: InputPage;
  frame: PageFrame;
  units: Unit[];
  bodyHeight: number;
  useLayout: boolean;
}

interface Run {
  segments: Segment[];
  explanations: BreakExplanation[];
}

const BODY_ROLES = new Set(['paragraph', 'listItem', 'table', 'keyValue']);

/**
 * Turns Textract LINEs into headings, paragraphs, list items, tables, figures and page furniture, in reading
 * order. Pure: no I/O, no AWS SDK. Accepts a Textract response, the paginated parts of one document, or
 * prepared {@link SegmentInput}.
 *
 * @example
 * ```ts
 * import { ParagraphSegmenter } from 'aws-ml-kit/textract';
 *
 * const segmenter = new ParagraphSegmenter({ useLayout: 'ignore' });
 * for (const s of segmenter.segment(response)) console.log(s.role, s.text);
 * ```
 */
export class ParagraphSegmenter {
  /** The resolved options (defaults merged with the constructor's). */
  readonly options: Readonly<SegmenterOptions>;

  /**
   * @param options - Overrides of {@link DEFAULT_SEGMENTER_OPTIONS}; checked at once.
   * @example
   * ```ts
   * const segmenter = new ParagraphSegmenter({ mode: 'lineSpacing' });
   * ```
   */
  constructor(options: Partial<SegmenterOptions> = {}) {
    this.options = resolveSegmenterOptions(options);
  }

  /**
   * Segments a document. Every LINE appears in exactly one segment (malformed ones are skipped and reported
   * through the logger only when `skipInvalidLines` is set; otherwise they throw).
   *
   * @param document - A Textract response, an array of paginated responses, or {@link SegmentInput}.
   * @param options - Per-call overrides of the constructor options.
   * @throws `ValidationError` for bad options, or `useLayout: 'require'` on a page without LAYOUT.
   * @throws `ResponseShapeError` for a response without PAGE blocks, bad geometry or dangling ids.
   * @example
   * ```ts
   * const segments = new ParagraphSegmenter().segment(response, { mode: 'layout' });
   * ```
   */
  segment(document: SegmentableDocument, options?: Partial<SegmenterOptions>): Segment[] {
    return this.run(document, options, false).segments;
  }

  /**
   * The feature values behind every decision to break or join two consecutive lines of a column (heuristic
   * pages only; LAYOUT pages have no breaks to explain).
   *
   * @example
   * ```ts
   * for (const b of segmenter.explain(response)) if (b.isBreak) console.log(b.toLineId, b.reason, b.gapRatio);
   * ```
   */
  explain(document: SegmentableDocument, options?: Partial<SegmenterOptions>): BreakExplanation[] {
    return this.run(document, options, true).explanations;
  }

  /**
   * Plain text: one segment per paragraph, separated by blank lines (a table is its lines joined by spaces,
   * whether or not its cell grid is known).
   *
   * @example
   * ```ts
   * const text = segmenter.toText(segmenter.segment(response));
   * ```
   */
  toText(segments: readonly Segment[]): string {
    return segmentsToText(segments);
  }

  /**
   * Markdown: titles `#`, section headers `##`, list items `-`, tables with a known cell grid as GitHub-flavoured
   * Markdown tables (others as fenced blocks), furniture left out. See {@link segmentsToMarkdown}.
   *
   * @example
   * ```ts
   * const md = segmenter.toMarkdown(segmenter.segment(response));
   * ```
   */
  toMarkdown(segments: readonly Segment[]): string {
    return segmentsToMarkdown(segments);
  }

  /**
   * A compact JSON-ready view: role, page, text, readingOrder, lineIds and a few more fields per segment, plus
   * the cell grid (`table`) of table segments when it is known.
   *
   * @example
   * ```ts
   * const json = JSON.stringify(segmenter.toJSON(segmenter.segment(response)));
   * ```
   */
  toJSON(segments: readonly Segment[]): SegmentJSON[] {
    return segmentsToJSON(segments);
  }

  private run(document: SegmentableDocument, overrides: Partial<SegmenterOptions> | undefined, explain: boolean): Run {
    const options = overrides ? resolveSegmenterOptions({ ...this.options, ...overrides }) : this.options;
    if (options.mode === 'layout' && options.useLayout === 'ignore') {
      throw new ValidationError('options.mode', "is 'layout', which cannot be combined with useLayout 'ignore'");
    }
    const input = segmentInputOf(
      document,
      { skipInvalidLines: options.skipInvalidLines, logger: options.logger },
      true,
    );
    // useLayout governs the auto and layout modes; the single-cue modes always run their cue.
    const layoutCapable = options.mode === 'auto' || options.mode === 'layout';
    const wantLayout = layoutCapable && options.useLayout !== 'ignore';
    const mustHaveLayout = layoutCapable && options.useLayout === 'require';
    const work: PageWork[] = input.pages.map((page) => {
      const hasLayout = page.layout.length > 0;
      if (mustHaveLayout && !hasLayout && page.lines.length > 0) {
        throw new ValidationError(
          'document',
          `has no LAYOUT blocks on page ${page.page}; analyse it with FeatureTypes LAYOUT or set useLayout to 'auto'`,
        );
      }
      const frame = toReadingFrame(page);
      const useLayout = wantLayout && hasLayout;
      // LAYOUT pages need only the frame (to place stray lines); the heuristics need units and the body size.
      const units = useLayout ? [] : joinBaselineFragments(frame.lines, options.joinGapChars);
      return { page, frame, units, bodyHeight: useLayout ? 0 : bodyHeightOf(units), useLayout };
    });

    const heuristicPages = work.filter((w) => !w.useLayout);
    const repeated =
      options.mode === 'auto'
        ? findRepeatedFurniture(
            heuristicPages.map((w) => ({ frame: w.frame, units: w.units })),
            options,
          )
        : new Set<Unit>();
    const heuristicMode = options.mode === 'layout' ? 'auto' : options.mode;

    const explanations: BreakExplanation[] = [];
    const draftsByPage: { page: number; drafts: PageDraft[] }[] = [];
    for (const w of work) {
      if (w.useLayout) {
        draftsByPage.push({ page: w.page.page, drafts: segmentPageByLayout(w.page.layout, w.frame) });
        continue;
      }
      const furniture = markFurniture({ frame: w.frame, units: w.units }, w.bodyHeight, repeated, options);
      const result = segmentPageHeuristically(
        { page: w.page, frame: w.frame, units: w.units, furniture, bodyHeight: w.bodyHeight },
        heuristicMode,
        options,
        explain,
      );
      explanations.push(...result.explanations);
      draftsByPage.push({ page: w.page.page, drafts: result.drafts });
    }

    const segments: Segment[] = [];
    for (const { page, drafts } of draftsByPage) {
      for (const draft of drafts) segments.push(toSegment(draft, page, segments.length));
    }
    attachTableGrids(segments, input.pages);
    if (options.crossPage) linkAcrossPages(segments);
    const log = createSafeLogger(options.logger);
    log.debug('segment.done', {
      pages: input.pages.length,
      segments: segments.length,
      lines: segments.reduce((n, s) => n + s.lines.length, 0),
      mode: options.mode,
    });
    return { segments, explanations };
  }
}

function toSegment(draft: PageDraft, page: number, readingOrder: number): Segment {
  const lines = draft.lines.map(toSegmentLine);
  const bbox = boxUnionAll(lines.map((l) => l.bbox)) ?? draft.normalizedBox ?? { left: 0, top: 0, width: 0, height: 0 };
  const lineConfidence =
    lines.length > 0 ? lines.reduce((sum, l) => sum + l.confidence, 0) / lines.length : (draft.confidence ?? 0);
  const segment: Segment = {
    role: draft.role,
    page,
    text: lines.map((l) => l.text).join(' '),
    readingOrder,
    source: draft.source,
    confidence: clamp01((draft.confidence ?? lineConfidence) / 100),
    bbox,
    polygon: boxToPolygon(bbox),
    lines,
    continuesOnNextPage: false,
    continuesFromPreviousPage: false,
  };
  if (draft.layoutId !== undefined) segment.layoutId = draft.layoutId;
  if (draft.table !== undefined && draft.role === 'table') segment.table = draft.table;
  return segment;
}

function toSegmentLine(frameLine: FrameLine): SegmentLine {
  const { line } = frameLine;
  return {
    id: line.id,
    text: line.text,
    page: line.page,
    confidence: line.confidence,
    bbox: line.bbox,
    polygon: line.polygon,
  };
}

function clamp01(value: number): number {
  return Number.isFinite(value) ? Math.min(Math.max(value, 0), 1) : 0;
}

/**
 * Marks continuation: the last body segment of a page continues on the next page's first body segment when
 * both are tables, or when it has no terminal punctuation and the next one starts in lower case.
 */
function linkAcrossPages(segments: Segment[]): void {
  const byPage = new Map<number, Segment[]>();
  for (const s of segments) {
    if (!BODY_ROLES.has(s.role) || s.lines.length === 0) continue;
    const list = byPage.get(s.page) ?? [];
    list.push(s);
    byPage.set(s.page, list);
  }
  const pages = [...byPage.keys()].sort((a, b) => a - b);
  for (let i = 0; i + 1 < pages.length; i++) {
    if (pages[i + 1] !== pages[i]! + 1) continue;
    const last = byPage.get(pages[i]!)!.at(-1)!;
    const first = byPage.get(pages[i + 1]!)![0]!;
    const bothTables = last.role === 'table' && first.role === 'table';
    const prose =
      last.role !== 'table' &&
      first.role !== 'table' &&
      !endsSentence(last.lines.at(-1)!.text) &&
      startsLowercase(first.lines[0]!.text);
    if (bothTables || prose) {
      last.continuesOnNextPage = true;
      first.continuesFromPreviousPage = true;
    }
  }
}
