import { dominantTextAngle } from '../../geometry/dominantTextAngle.js';
import { estimateAspectRatio } from '../../geometry/estimateAspectRatio.js';
import { polygonTextAngleDeg } from '../../geometry/polygonTextAngleDeg.js';
import { ResponseShapeError, ValidationError } from '../../kit/errors.js';
import { createSafeLogger, type Logger } from '../../kit/log.js';
import { collectTextractInput, type TextractDocumentInput } from './collectTextractInput.js';
import {
  fullPageGeometry,
  lineOrientation,
  orientationFromAngle,
  readTextractGeometry,
} from './readTextractGeometry.js';
import type { TextractBlockLike, TextractResponseLike } from './TextractBlockLike.js';
import { TextractDocument } from './TextractDocument.js';
import type { TextractGeometry } from './TextractGeometry.js';
import type { TextractModelWarning, TextractWarningCode } from './TextractModelWarning.js';
import type {
  PageSize,
  TextractContent,
  TextractKeyValue,
  TextractLayoutBlock,
  TextractLine,
  TextractMergedCell,
  TextractPage,
  TextractSelectionElement,
  TextractTable,
  TextractTableCaption,
  TextractTableCell,
  TextractWord,
} from './TextractPage.js';

/** Options of {@link loadTextractDocument}. */
export interface LoadTextractDocumentOptions {
  /**
   * Page sizes in points, to get geometry in points (`bboxPt`, `polygonPt`) and true text angles: one size for
   * every page, an array indexed by `pageNumber − 1`, or a function of the page number. Pages without a size
   * keep normalised geometry only.
   */
  readonly pageSizes?:
    | PageSize
    | readonly (PageSize | undefined)[]
    | ((pageNumber: number) => PageSize | undefined)
    | undefined;
  /**
   * What to do with an invalid block or reference (bad geometry, a relationship to a missing block, an unknown
   * page, a duplicate id): `'throw'` a `ResponseShapeError` naming it, or `'skip'` it, record a warning in
   * `document.warnings` and log it through `logger`. Input that is not Textract output at all (malformed JSON,
   * no PAGE block) always throws. Default {@link DEFAULT_LOAD_TEXTRACT_DOCUMENT_OPTIONS}.
   */
  readonly onInvalid?: 'throw' | 'skip' | undefined;
  /**
   * How far (in normalised units) coordinates may stray outside 0–1 before the geometry counts as invalid;
   * Textract returns slightly negative values at page edges.
   */
  readonly geometryMargin?: number | undefined;
  /** Receives metadata-only warnings (codes and counts) when blocks are skipped. */
  readonly logger?: Logger | undefined;
}

/** Defaults of {@link LoadTextractDocumentOptions}. */
export const DEFAULT_LOAD_TEXTRACT_DOCUMENT_OPTIONS = {
  /** Invalid blocks throw a `ResponseShapeError`. */
  onInvalid: 'throw',
  /** Coordinates may stray 0.1 (10% of the page) outside 0–1. */
  geometryMargin: 0.1,
} as const satisfies LoadTextractDocumentOptions;

const OPERATION = 'Textract';

/** A block of the input plus what the loader learns about it (kept here, not in side maps, for speed). */
/** What a table cell and a merged cell both carry, read by `#cellHead`. */
type CellHead = Pick<
  TextractTableCell,
  'id' | 'rowIndex' | 'columnIndex' | 'rowSpan' | 'columnSpan' | 'confidence' | 'geometry' | 'entityTypes'
>;

interface Entry {
  readonly block: TextractBlockLike;
  readonly index: number;
  readonly id: string;
  readonly type: string;
  /** Position in the CHILD list of the PAGE block listing it; +∞ when no PAGE lists it. */
  position: number;
  /** Page number of the PAGE block listing it. */
  listedOn: number | undefined;
  /** The model object built from it (word, line or selection element); `null` once reported invalid. */
  built: Mutable<TextractWord> | Mutable<TextractLine> | TextractSelectionElement | null | undefined;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
type MutableLayout = Mutable<TextractLayoutBlock> & { children: MutableLayout[]; lines: TextractLine[] };

interface PageState {
  readonly entry: Entry;
  readonly pageNumber: number;
  readonly size: PageSize | undefined;
  readonly geometry: TextractGeometry;
  readonly lines: Mutable<TextractLine>[];
  readonly orphanWords: TextractWord[];
  readonly layouts: MutableLayout[];
  readonly tables: TextractTable[];
  readonly keyValues: TextractKeyValue[];
  readonly selectionElements: TextractSelectionElement[];
}

/**
 * Loads Amazon Textract output of any shape into a {@link TextractDocument}.
 *
 * Accepts a single `DetectDocumentText` / `AnalyzeDocument` response, merged asynchronous output, an array of
 * paginated `Get*` responses (in any order), a bare `Blocks` array, or any of these as JSON text or bytes —
 * SDK output objects type-check without a cast. Pages are assigned by `Block.Page` (absent on synchronous
 * output: page 1 when there is one PAGE block), never by block order, and every list in the model has a
 * deterministic order, so shuffling `Blocks` gives a deep-equal result. Unknown block types and fields are
 * ignored. Runs in one pass over the blocks with id maps (linear time).
 *
 * Bad input raises a `ValidationError` (not Textract output: malformed JSON, wrong type, bad options) or a
 * `ResponseShapeError` naming the block and field (no PAGE block, relationship to a missing block, non-finite
 * or out-of-page geometry, zero-size page, unknown page). With `onInvalid: 'skip'` the offending block or
 * reference is skipped instead and reported in `document.warnings` (ids and counts, never text); every LINE of
 * the input is then either in the model exactly once or listed in `document.droppedLineIds`.
 *
 * @example
 * ```ts
 * import { loadTextractDocument } from 'aws-ml-kit/textract';
 *
 * const document = loadTextractDocument(await readFile('analyze.json', 'utf8'), {
 *   pageSizes: { widthPt: 612, heightPt: 792 },
 *   onInvalid: 'skip',
 * });
 * for (const block of document.pages[0]?.layout ?? []) console.log(block.type, block.lines.length);
 * ```
 */
export function loadTextractDocument(
  input: TextractDocumentInput,
  options: LoadTextractDocumentOptions = {},
): TextractDocument {
  return new DocumentLoader(input, options).load();
}

function isPositiveInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1;
}

function checkPageSize(size: unknown, field: string): PageSize {
  if (typeof size !== 'object' || size === null) throw new ValidationError(field, 'must be { widthPt, heightPt }');
  const { widthPt, heightPt } = size as Record<string, unknown>;
  for (const [name, value] of [
    ['widthPt', widthPt],
    ['heightPt', heightPt],
  ] as const) {
    if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
      throw new ValidationError(
        `${field}.${name}`,
        `must be a finite number > 0, got ${typeof value === 'number' ? value : typeof value}`,
      );
    }
  }
  return size as PageSize;
}

/**
 * Sorts in place by position in the PAGE `CHILD` list (unlisted last), then top, left, id — keys computed once
 * per item rather than per comparison.
 */
function sortByPageOrder<T extends { readonly id: string }>(
  items: T[],
  positionOf: (item: T) => number,
  geometryOf: (item: T) => TextractGeometry | undefined,
): T[] {
  if (items.length < 2) return items;
  const keyed = items.map((item) => ({ item, position: positionOf(item), box: geometryOf(item)?.bbox }));
  keyed.sort((a, b) => {
    if (a.position !== b.position) return a.position < b.position ? -1 : 1;
    if (a.box && b.box && (a.box.top !== b.box.top || a.box.left !== b.box.left)) {
      return a.box.top - b.box.top || a.box.left - b.box.left;
    }
    if (a.box && !b.box) return -1;
    if (b.box && !a.box) return 1;
    return a.item.id < b.item.id ? -1 : a.item.id > b.item.id ? 1 : 0;
  });
  for (let i = 0; i < keyed.length; i++) items[i] = (keyed[i] as { item: T }).item;
  return items;
}

/** The entry first indexed under `id` (rare path: a repeated id). */
function firstEntryWithId(byType: ReadonlyMap<string, readonly Entry[]>, id: string): Entry | undefined {
  for (const list of byType.values()) for (const entry of list) if (entry.id === id) return entry;
  return undefined;
}

const SERVICE_CODE = /^[A-Za-z0-9_]{1,64}$/;

/**
 * A value for an error message without echoing input text: numbers, booleans and `null` as themselves,
 * anything else by type (and length) only.
 */
function describeValue(value: unknown): string {
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  if (typeof value === 'string') return `a string (${value.length} characters)`;
  return typeof value;
}

/** A sortable page number; invalid ones (reported later) sort first. */
function pageKey(entry: Entry): number {
  const page = entry.block.Page;
  return typeof page === 'number' && Number.isFinite(page) ? page : 0;
}

function joinText(words: readonly TextractWord[]): string {
  let text = '';
  for (let i = 0; i < words.length; i++)
    text += i === 0 ? (words[i] as TextractWord).text : ` ${(words[i] as TextractWord).text}`;
  return text;
}

function entityTypesOf(block: TextractBlockLike): readonly string[] {
  return Array.isArray(block.EntityTypes) ? block.EntityTypes.filter((type) => typeof type === 'string') : [];
}

function confidenceOf(block: TextractBlockLike): number | undefined {
  return typeof block.Confidence === 'number' && Number.isFinite(block.Confidence) ? block.Confidence : undefined;
}

class DocumentLoader {
  readonly #skip: boolean;
  readonly #margin: number;
  readonly #logger: Logger;
  readonly #pageSizeOption: LoadTextractDocumentOptions['pageSizes'];
  readonly #input: TextractDocumentInput;
  readonly #warnings: TextractModelWarning[] = [];
  readonly #droppedLineIds: string[] = [];
  readonly #byId = new Map<string, Entry>();
  readonly #pages = new Map<number, PageState>();
  /** Lines whose polygon came from the response (not derived from the box). */
  readonly #linesWithPolygon = new Set<Mutable<TextractLine>>();
  #pathOf: (index: number) => string = (index) => `Blocks[${index}]`;
  #singlePage: number | undefined;
  /** The largest `DocumentMetadata.Pages` of any response. */
  #declaredPages = 0;

  constructor(input: TextractDocumentInput, options: LoadTextractDocumentOptions) {
    const onInvalid = options.onInvalid ?? DEFAULT_LOAD_TEXTRACT_DOCUMENT_OPTIONS.onInvalid;
    if (onInvalid !== 'throw' && onInvalid !== 'skip') {
      throw new ValidationError('options.onInvalid', `must be 'throw' or 'skip', got ${describeValue(onInvalid)}`);
    }
    const margin = options.geometryMargin ?? DEFAULT_LOAD_TEXTRACT_DOCUMENT_OPTIONS.geometryMargin;
    if (typeof margin !== 'number' || !Number.isFinite(margin) || margin < 0) {
      throw new ValidationError('options.geometryMargin', `must be a finite number ≥ 0, got ${describeValue(margin)}`);
    }
    const sizes = options.pageSizes;
    if (Array.isArray(sizes)) {
      sizes.forEach((size, i) => {
        if (size !== undefined) checkPageSize(size, `options.pageSizes[${i}]`);
      });
    } else if (sizes !== undefined && typeof sizes !== 'function') checkPageSize(sizes, 'options.pageSizes');
    this.#skip = onInvalid === 'skip';
    this.#margin = margin;
    this.#logger = createSafeLogger(options.logger);
    this.#pageSizeOption = sizes;
    this.#input = input;
  }

  load(): TextractDocument {
    const collected = collectTextractInput(this.#input);
    this.#pathOf = collected.pathOf;
    this.#readResponses(collected.responses);
    const byType = this.#index(collected.blocks);
    this.#buildPages(byType.get('PAGE') ?? []);
    for (const entry of byType.get('LINE') ?? []) this.#buildLine(entry);
    for (const entry of byType.get('WORD') ?? []) this.#orphanWord(entry);
    for (const entry of byType.get('SELECTION_ELEMENT') ?? []) {
      const element = this.#selection(entry, undefined);
      if (element) this.#pages.get(element.page)?.selectionElements.push(element);
    }
    const layouts: Entry[] = [];
    for (const [type, entries] of byType) if (type.startsWith('LAYOUT_')) layouts.push(...entries);
    this.#buildLayouts(layouts);
    for (const entry of byType.get('TABLE') ?? []) this.#buildTable(entry);
    for (const type of ['KEY_VALUE_SET', 'KEY']) {
      for (const entry of byType.get(type) ?? []) {
        if (type === 'KEY' || entityTypesOf(entry.block).includes('KEY')) this.#buildKeyValue(entry);
      }
    }
    const pages = this.#finishPages();
    let present = 0;
    for (const page of pages) if (page.pageNumber <= this.#declaredPages) present++;
    if (present < this.#declaredPages) {
      this.#warnings.push({
        code: 'MISSING_PAGES',
        message: `DocumentMetadata.Pages is ${this.#declaredPages} but ${present} of those pages have a PAGE block`,
        count: this.#declaredPages - present,
      });
    }
    const document = new TextractDocument(pages, this.#warnings, this.#droppedLineIds.sort());
    this.#logWarnings();
    return document;
  }

  /** Throws, or records a warning, for one invalid block or reference. */
  #invalid(
    code: TextractWarningCode,
    path: string,
    problem: string,
    details: { blockId?: string | undefined; blockType?: string | undefined; page?: number | undefined } = {},
  ): void {
    if (!this.#skip) {
      throw new ResponseShapeError(OPERATION, path, `${problem}; fix the input or load with onInvalid: 'skip'`);
    }
    const warning: Mutable<TextractModelWarning> = { code, message: problem, path };
    if (details.blockId !== undefined) warning.blockId = details.blockId;
    if (details.blockType !== undefined) warning.blockType = details.blockType;
    if (details.page !== undefined) warning.page = details.page;
    this.#warnings.push(warning);
  }

  #readResponses(responses: readonly TextractResponseLike[]): void {
    let withToken = 0;
    const seenWarnings = new Set<string>();
    for (let r = 0; r < responses.length; r++) {
      const response = responses[r] as TextractResponseLike;
      const path = responses.length > 1 ? `[${r}].JobStatus` : 'JobStatus';
      if (response.JobStatus === 'FAILED' || response.JobStatus === 'IN_PROGRESS') {
        throw new ResponseShapeError(
          OPERATION,
          path,
          `is ${response.JobStatus}; load the results of a job that SUCCEEDED (or PARTIAL_SUCCESS)`,
        );
      }
      if (response.JobStatus === 'PARTIAL_SUCCESS') {
        this.#warnings.push({ code: 'PARTIAL_SUCCESS', message: 'the job reported PARTIAL_SUCCESS', path });
      }
      if (typeof response.NextToken === 'string' && response.NextToken !== '') withToken++;
      const declared = response.DocumentMetadata?.Pages;
      if (typeof declared === 'number' && Number.isFinite(declared)) {
        this.#declaredPages = Math.max(this.#declaredPages, declared);
      }
      for (const warning of Array.isArray(response.Warnings) ? response.Warnings : []) {
        // Only identifier-like codes pass: a malformed response could carry any text here.
        const code = warning?.ErrorCode;
        const serviceCode = typeof code === 'string' && SERVICE_CODE.test(code) ? code : 'UNKNOWN';
        const pages = Array.isArray(warning?.Pages) && warning.Pages.length > 0 ? warning.Pages : [undefined];
        for (const page of pages) {
          // Paginated results may repeat the job's warnings in every response: keep one of each.
          const key = `${serviceCode}/${String(page)}`;
          if (seenWarnings.has(key)) continue;
          seenWarnings.add(key);
          const entry: Mutable<TextractModelWarning> = {
            code: 'SERVICE_WARNING',
            message: 'Textract returned a warning',
            serviceCode,
          };
          if (typeof page === 'number') entry.page = page;
          this.#warnings.push(entry);
        }
      }
    }
    if (responses.length > 0 && withToken === responses.length) {
      this.#warnings.push({
        code: 'INCOMPLETE_PAGINATION',
        message: `every response (${responses.length}) has a NextToken; pass every page of results`,
      });
    }
  }

  /** One pass: id map and blocks grouped by type. */
  #index(blocks: readonly unknown[]): Map<string, Entry[]> {
    const byType = new Map<string, Entry[]>();
    for (let index = 0; index < blocks.length; index++) {
      const block = blocks[index] as TextractBlockLike | null;
      if (typeof block !== 'object' || block === null) {
        this.#invalid('MISSING_ID', this.#pathOf(index), 'is not a block object');
        continue;
      }
      const type = typeof block.BlockType === 'string' ? block.BlockType : '';
      const id = block.Id;
      if (typeof id !== 'string' || id === '') {
        this.#invalid('MISSING_ID', `${this.#pathOf(index)}.Id`, 'is missing; every block needs an Id', {
          blockType: type,
        });
        continue;
      }
      const entry: Entry = {
        block,
        index,
        id,
        type,
        position: Number.POSITIVE_INFINITY,
        listedOn: undefined,
        built: undefined,
      };
      // One hash lookup per block, not two: set, and a map that did not grow means the id was there already.
      const size = this.#byId.size;
      this.#byId.set(id, entry);
      if (this.#byId.size === size) {
        const first = firstEntryWithId(byType, id);
        if (first) this.#byId.set(id, first);
        this.#invalid('DUPLICATE_ID', `${this.#pathOf(index)}.Id`, `repeats block id ${id}`, {
          blockId: id,
          blockType: type,
        });
        continue;
      }
      const list = byType.get(type);
      if (list) list.push(entry);
      else byType.set(type, [entry]);
    }
    return byType;
  }

  #pageSize(pageNumber: number): PageSize | undefined {
    const option = this.#pageSizeOption;
    if (option === undefined) return undefined;
    if (typeof option === 'function') {
      const size = option(pageNumber);
      return size === undefined ? undefined : checkPageSize(size, `options.pageSizes(${pageNumber})`);
    }
    if (Array.isArray(option)) return option[pageNumber - 1] as PageSize | undefined;
    return option as PageSize;
  }

  #buildPages(entries: readonly Entry[]): void {
    if (entries.length === 0) {
      throw new ResponseShapeError(
        OPERATION,
        'Blocks',
        'contains no PAGE block; pass complete Textract output (every page of paginated results)',
      );
    }
    // Stable across shuffles: handle PAGE blocks in page-number order, then id order.
    const sorted = [...entries].sort((a, b) => pageKey(a) - pageKey(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    for (const entry of sorted) {
      const path = this.#pathOf(entry.index);
      let pageNumber = entry.block.Page;
      if (pageNumber === undefined && entries.length === 1) pageNumber = 1;
      if (!isPositiveInteger(pageNumber)) {
        this.#invalid(
          'INVALID_PAGE_BLOCK',
          `${path}.Page`,
          pageNumber === undefined
            ? 'is missing on a PAGE block of multi-page input'
            : `is ${describeValue(pageNumber)}; expected an integer ≥ 1`,
          { blockId: entry.id, blockType: 'PAGE' },
        );
        continue;
      }
      if (this.#pages.has(pageNumber)) {
        this.#invalid('INVALID_PAGE_BLOCK', `${path}.Page`, `repeats page number ${pageNumber}`, {
          blockId: entry.id,
          blockType: 'PAGE',
          page: pageNumber,
        });
        continue;
      }
      const size = this.#pageSize(pageNumber);
      let geometry = fullPageGeometry(size);
      if (entry.block.Geometry !== undefined) {
        const read = readTextractGeometry(entry.block.Geometry, size, this.#margin);
        if (!read.ok) {
          this.#invalid('INVALID_PAGE_BLOCK', `${path}.${read.field}`, read.problem, {
            blockId: entry.id,
            blockType: 'PAGE',
            page: pageNumber,
          });
        } else if (read.geometry.bbox.width <= 0 || read.geometry.bbox.height <= 0) {
          this.#invalid('INVALID_PAGE_BLOCK', `${path}.Geometry.BoundingBox`, 'has zero size', {
            blockId: entry.id,
            blockType: 'PAGE',
            page: pageNumber,
          });
        } else geometry = read.geometry;
      }
      this.#pages.set(pageNumber, {
        entry,
        pageNumber,
        size,
        geometry,
        lines: [],
        orphanWords: [],
        layouts: [],
        tables: [],
        keyValues: [],
        selectionElements: [],
      });
      let position = 0;
      for (const child of this.#related(entry, 'CHILD')) {
        if (child.listedOn !== undefined) continue;
        child.position = position++;
        child.listedOn = pageNumber;
      }
    }
    if (this.#pages.size === 0) {
      throw new ResponseShapeError(OPERATION, 'Blocks', 'contains no usable PAGE block');
    }
    this.#singlePage = this.#pages.size === 1 ? (this.#pages.keys().next().value as number) : undefined;
  }

  /** The blocks listed under relationships of `type`, in order; ids not in the input are reported. */
  #related(entry: Entry, type: string): Entry[] {
    const relationships = entry.block.Relationships;
    const related: Entry[] = [];
    if (!Array.isArray(relationships)) return related;
    for (const relationship of relationships) {
      if (relationship?.Type !== type || !Array.isArray(relationship.Ids)) continue;
      for (const id of relationship.Ids) {
        const child = typeof id === 'string' ? this.#byId.get(id) : undefined;
        if (child) related.push(child);
        else {
          this.#invalid(
            'MISSING_BLOCK',
            `${this.#pathOf(entry.index)}.Relationships`,
            typeof id === 'string'
              ? `lists ${type} id ${id}, which is not in the input`
              : `lists a ${type} id that is not a string`,
            { blockId: entry.id, blockType: entry.type },
          );
        }
      }
    }
    return related;
  }

  /** The page of a block: its own `Page`, else the page listing it, else the parent's, else the only page. */
  #pageOf(entry: Entry, parentPage: number | undefined): number | undefined {
    const own = entry.block.Page;
    if (own === undefined) {
      const page = entry.listedOn ?? parentPage ?? this.#singlePage;
      if (page === undefined) {
        this.#invalid(
          'INVALID_PAGE',
          this.#pagePath(entry),
          'is missing and the block belongs to no page of multi-page input',
          { blockId: entry.id, blockType: entry.type },
        );
      }
      return page;
    }
    // The common case first, with no allocation: a valid page number that has a PAGE block.
    if (this.#pages.has(own as number) && isPositiveInteger(own)) return own;
    if (!isPositiveInteger(own)) {
      this.#invalid('INVALID_PAGE', this.#pagePath(entry), `is ${describeValue(own)}; expected an integer ≥ 1`, {
        blockId: entry.id,
        blockType: entry.type,
      });
      return undefined;
    }
    this.#invalid('INVALID_PAGE', this.#pagePath(entry), `is ${own} but there is no PAGE block for page ${own}`, {
      blockId: entry.id,
      blockType: entry.type,
      page: own,
    });
    return undefined;
  }

  #pagePath(entry: Entry): string {
    return `${this.#pathOf(entry.index)}.Page`;
  }

  #geometry(entry: Entry, page: number): { geometry: TextractGeometry; hasPolygon: boolean } | undefined {
    const read = readTextractGeometry(entry.block.Geometry, this.#pages.get(page)?.size, this.#margin);
    if (read.ok) return read;
    this.#invalid('INVALID_GEOMETRY', `${this.#pathOf(entry.index)}.${read.field}`, read.problem, {
      blockId: entry.id,
      blockType: entry.type,
      page,
    });
    return undefined;
  }

  /** Optional geometry (tables, cells, layout): invalid is reported, absent is fine. */
  #optionalGeometry(entry: Entry, page: number): TextractGeometry | undefined {
    if (entry.block.Geometry === undefined) return undefined;
    return this.#geometry(entry, page)?.geometry;
  }

  #word(entry: Entry, parentPage: number | undefined, lineId: string | undefined): Mutable<TextractWord> | undefined {
    const known = entry.built as Mutable<TextractWord> | null | undefined;
    if (known !== undefined) {
      if (known && known.lineId === undefined && lineId !== undefined) known.lineId = lineId;
      return known ?? undefined;
    }
    const page = this.#pageOf(entry, parentPage);
    const read = page === undefined ? undefined : this.#geometry(entry, page);
    if (page === undefined || !read) {
      entry.built = null;
      return undefined;
    }
    const block = entry.block;
    const word: Mutable<TextractWord> = {
      id: entry.id,
      text: typeof block.Text === 'string' ? block.Text : '',
      textType: typeof block.TextType === 'string' ? block.TextType : undefined,
      confidence: confidenceOf(block),
      page,
      geometry: read.geometry,
      lineId,
    };
    entry.built = word;
    return word;
  }

  #selection(entry: Entry, parentPage: number | undefined): TextractSelectionElement | undefined {
    const known = entry.built as TextractSelectionElement | null | undefined;
    if (known !== undefined) return known ?? undefined;
    const page = this.#pageOf(entry, parentPage);
    const read = page === undefined ? undefined : this.#geometry(entry, page);
    if (page === undefined || !read) {
      entry.built = null;
      return undefined;
    }
    const status = typeof entry.block.SelectionStatus === 'string' ? entry.block.SelectionStatus : undefined;
    const element: TextractSelectionElement = {
      id: entry.id,
      page,
      selected: status === 'SELECTED',
      status,
      confidence: confidenceOf(entry.block),
      geometry: read.geometry,
    };
    entry.built = element;
    return element;
  }

  #buildLine(entry: Entry): void {
    const page = this.#pageOf(entry, undefined);
    const read = page === undefined ? undefined : this.#geometry(entry, page);
    const state = page === undefined ? undefined : this.#pages.get(page);
    if (page === undefined || !read || !state) {
      this.#droppedLineIds.push(entry.id);
      return;
    }
    const words: TextractWord[] = [];
    for (const child of this.#related(entry, 'CHILD')) {
      if (child.type !== 'WORD') continue;
      const word = this.#word(child, page, entry.id);
      if (word) words.push(word);
    }
    const line: Mutable<TextractLine> = {
      id: entry.id,
      text: typeof entry.block.Text === 'string' ? entry.block.Text : joinText(words),
      confidence: confidenceOf(entry.block),
      page,
      index: -1,
      geometry: read.geometry,
      words,
      orientation: lineOrientation(read.geometry, read.hasPolygon, state.size),
      layoutId: undefined,
    };
    entry.built = line;
    if (read.hasPolygon) this.#linesWithPolygon.add(line);
    state.lines.push(line);
  }

  #orphanWord(entry: Entry): void {
    if (entry.built !== undefined) return;
    const word = this.#word(entry, undefined, undefined);
    if (word) this.#pages.get(word.page)?.orphanWords.push(word);
  }

  /** Words and selection elements listed as CHILD of a cell, key, value or caption. */
  #content(entry: Entry, page: number): TextractContent {
    const words: TextractWord[] = [];
    const selectionElements: TextractSelectionElement[] = [];
    for (const child of this.#related(entry, 'CHILD')) {
      if (child.type === 'WORD') {
        const word = this.#word(child, page, undefined);
        if (word) words.push(word);
      } else if (child.type === 'SELECTION_ELEMENT') {
        const element = this.#selection(child, page);
        if (element) selectionElements.push(element);
      }
    }
    return { words, text: joinText(words), selectionElements };
  }

  #buildLayouts(entries: readonly Entry[]): void {
    const nodes = new Map<string, MutableLayout>();
    const childIds = new Map<string, string[]>();
    for (const entry of entries) {
      const page = this.#pageOf(entry, undefined);
      if (page === undefined) continue;
      const ids = this.#related(entry, 'CHILD').map((child) => child.id);
      childIds.set(entry.id, ids);
      nodes.set(entry.id, {
        id: entry.id,
        type: entry.type.slice('LAYOUT_'.length),
        blockType: entry.type,
        confidence: confidenceOf(entry.block),
        page,
        geometry: this.#optionalGeometry(entry, page),
        readingOrder: -1,
        childIds: ids,
        lines: [],
        children: [],
        parentId: undefined,
      });
    }
    const isAncestor = (candidate: MutableLayout, node: MutableLayout): boolean => {
      for (let current: MutableLayout | undefined = node; current; ) {
        if (current === candidate) return true;
        current = current.parentId === undefined ? undefined : nodes.get(current.parentId);
      }
      return false;
    };
    // Children in CHILD order; handle parents in id order so the result does not depend on block order.
    const ordered = [...nodes.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    for (const node of ordered) {
      for (const id of childIds.get(node.id) ?? []) {
        const listed = this.#byId.get(id);
        const line = listed?.type === 'LINE' ? (listed.built as Mutable<TextractLine> | null | undefined) : undefined;
        if (line) {
          node.lines.push(line);
          continue;
        }
        const child = nodes.get(id);
        if (child && child.parentId === undefined && !isAncestor(child, node)) {
          child.parentId = node.id;
          child.readingOrder = node.children.length;
          node.children.push(child);
        }
      }
    }
    for (const node of ordered) if (node.parentId === undefined) this.#pages.get(node.page)?.layouts.push(node);
  }

  /** The fields a cell and a merged cell share, or undefined (reported) when the span is not integers ≥ 1. */
  #cellHead(entry: Entry, page: number): CellHead | undefined {
    const { RowIndex, ColumnIndex, RowSpan = 1, ColumnSpan = 1 } = entry.block;
    if (![RowIndex, ColumnIndex, RowSpan, ColumnSpan].every(isPositiveInteger)) {
      this.#invalid(
        'INVALID_CELL',
        this.#pathOf(entry.index),
        'has RowIndex/ColumnIndex/RowSpan/ColumnSpan that are not integers ≥ 1',
        { blockId: entry.id, blockType: entry.type, page },
      );
      return undefined;
    }
    return {
      id: entry.id,
      rowIndex: RowIndex as number,
      columnIndex: ColumnIndex as number,
      rowSpan: RowSpan,
      columnSpan: ColumnSpan,
      confidence: confidenceOf(entry.block),
      geometry: this.#optionalGeometry(entry, page),
      entityTypes: entityTypesOf(entry.block),
    };
  }

  #linesOf(words: readonly TextractWord[]): TextractLine[] {
    const seen = new Set<TextractLine>();
    for (const word of words) {
      const line =
        word.lineId === undefined ? undefined : (this.#byId.get(word.lineId)?.built as TextractLine | undefined);
      if (line) seen.add(line);
    }
    return [...seen].sort((a, b) => a.index - b.index || (a.id < b.id ? -1 : 1));
  }

  #buildTable(entry: Entry): void {
    const page = this.#pageOf(entry, undefined);
    const state = page === undefined ? undefined : this.#pages.get(page);
    if (page === undefined || !state) return;
    const cells: Mutable<TextractTableCell>[] = [];
    const cellsById = new Map<string, Mutable<TextractTableCell>>();
    for (const child of this.#related(entry, 'CHILD')) {
      const id = child.id;
      if (child.type !== 'CELL' || cellsById.has(id)) continue;
      const cellPage = this.#pageOf(child, page) ?? page;
      const head = this.#cellHead(child, cellPage);
      if (!head) continue;
      const cell: Mutable<TextractTableCell> = {
        ...head,
        ...this.#content(child, cellPage),
        lines: [],
        mergedCellId: undefined,
      };
      cells.push(cell);
      cellsById.set(id, cell);
    }
    const mergedCells: TextractMergedCell[] = [];
    for (const child of this.#related(entry, 'MERGED_CELL')) {
      const head = this.#cellHead(child, page);
      if (!head) continue;
      const cellIds = this.#related(child, 'CHILD')
        .map((cell) => cell.id)
        .filter((cellId) => cellsById.has(cellId));
      const words: TextractWord[] = [];
      const selectionElements: TextractSelectionElement[] = [];
      for (const cellId of cellIds) {
        const cell = cellsById.get(cellId) as Mutable<TextractTableCell>;
        cell.mergedCellId ??= head.id;
        words.push(...cell.words);
        selectionElements.push(...cell.selectionElements);
      }
      mergedCells.push({
        ...head,
        cellIds,
        words,
        text: joinText(words),
        selectionElements,
      });
    }
    const captions = (type: string): TextractTableCaption[] =>
      this.#related(entry, type).map((child) => {
        return { id: child.id, geometry: this.#optionalGeometry(child, page), ...this.#content(child, page) };
      });
    let rowCount = 0;
    let columnCount = 0;
    for (const cell of cells) {
      rowCount = Math.max(rowCount, cell.rowIndex + cell.rowSpan - 1);
      columnCount = Math.max(columnCount, cell.columnIndex + cell.columnSpan - 1);
    }
    const byPosition = (a: { rowIndex: number; columnIndex: number; id: string }, b: typeof a): number =>
      a.rowIndex - b.rowIndex || a.columnIndex - b.columnIndex || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
    state.tables.push({
      id: entry.id,
      page,
      confidence: confidenceOf(entry.block),
      geometry: this.#optionalGeometry(entry, page),
      entityTypes: entityTypesOf(entry.block),
      rowCount,
      columnCount,
      cells: cells.sort(byPosition),
      mergedCells: mergedCells.sort(byPosition),
      titles: captions('TABLE_TITLE'),
      footers: captions('TABLE_FOOTER'),
    });
  }

  #buildKeyValue(entry: Entry): void {
    const page = this.#pageOf(entry, undefined);
    const state = page === undefined ? undefined : this.#pages.get(page);
    if (page === undefined || !state) return;
    let value: TextractKeyValue['value'];
    const child = this.#related(entry, 'VALUE')[0];
    if (child !== undefined) {
      const valueId = child.id;
      const valuePage = this.#pageOf(child, page) ?? page;
      value = {
        id: valueId,
        geometry: this.#optionalGeometry(child, valuePage),
        confidence: confidenceOf(child.block),
        ...this.#content(child, valuePage),
      };
    }
    state.keyValues.push({
      id: entry.id,
      page,
      confidence: confidenceOf(entry.block),
      key: { geometry: this.#optionalGeometry(entry, page), ...this.#content(entry, page) },
      value,
    });
  }

  #finishPages(): TextractPage[] {
    const pages: TextractPage[] = [];
    const positionOf = (item: { id: string }): number => this.#byId.get(item.id)?.position ?? Number.POSITIVE_INFINITY;
    const geometryOf = (item: { geometry?: TextractGeometry | undefined }): TextractGeometry | undefined =>
      item.geometry;
    const numbers = [...this.#pages.keys()].sort((a, b) => a - b);
    for (const pageNumber of numbers) {
      const state = this.#pages.get(pageNumber) as PageState;
      sortByPageOrder(state.lines, positionOf, geometryOf);
      state.lines.forEach((line, index) => {
        line.index = index;
      });
      // Cells learn their lines only now, once line indices are final.
      for (const table of state.tables) {
        for (const cell of table.cells) (cell as Mutable<TextractTableCell>).lines = this.#linesOf(cell.words);
      }
      const words: TextractWord[] = [];
      for (const line of state.lines) words.push(...line.words);
      words.push(...sortByPageOrder(state.orphanWords, positionOf, geometryOf));
      sortByPageOrder(state.layouts, positionOf, geometryOf);
      const figures: TextractLayoutBlock[] = [];
      const visit = (node: MutableLayout, readingOrder: number): void => {
        node.readingOrder = readingOrder;
        if (node.type === 'FIGURE') figures.push(node);
        // Parents before children, so a line listed at several depths ends with the innermost block.
        for (const line of node.lines) (line as Mutable<TextractLine>).layoutId = node.id;
        node.children.forEach(visit);
      };
      state.layouts.forEach(visit);
      const aspectRatio = state.size ? state.size.widthPt / state.size.heightPt : this.#estimateAspect(state);
      const dominant = dominantTextAngle(
        state.lines.map((line) => ({ angleDeg: line.orientation.angleDeg, weight: Math.max(1, line.text.length) })),
      );
      pages.push({
        pageNumber,
        id: state.entry.id,
        geometry: state.geometry,
        size: state.size,
        aspectRatio,
        lines: state.lines,
        words,
        layout: state.layouts,
        figures,
        tables: sortByPageOrder(state.tables, positionOf, geometryOf),
        keyValues: sortByPageOrder(state.keyValues, positionOf, (kv) => kv.key.geometry),
        selectionElements: sortByPageOrder(state.selectionElements, positionOf, geometryOf),
        orientation: orientationFromAngle(dominant.angleDeg, 'lines'),
      });
    }
    return pages;
  }

  /**
   * Without a page size, estimates the aspect ratio from skewed line polygons and, when that works, re-measures
   * the polygon-based line angles with it so skew is true rather than stretched.
   */
  #estimateAspect(state: PageState): number | undefined {
    const measured = state.lines.filter((line) => this.#linesWithPolygon.has(line));
    const aspectRatio = estimateAspectRatio(measured.map((line) => line.geometry.polygon));
    if (aspectRatio === undefined) return undefined;
    for (const line of measured) {
      if (line.orientation.source !== 'polygonNormalized') continue;
      const angle = polygonTextAngleDeg(line.geometry.polygon, aspectRatio);
      if (angle !== undefined) line.orientation = orientationFromAngle(angle, 'polygonEstimated');
    }
    return aspectRatio;
  }

  #logWarnings(): void {
    if (this.#warnings.length === 0) return;
    const counts = new Map<string, number>();
    for (const warning of this.#warnings) counts.set(warning.code, (counts.get(warning.code) ?? 0) + 1);
    for (const [code, count] of counts) this.#logger.warn('textract.model.warning', { code, count });
  }
}
