import { ValidationError } from '../../kit/errors.js';
import type { Logger } from '../../kit/log.js';
import type { TextractDocumentInput } from '../model/collectTextractInput.js';
import { loadTextractDocument } from '../model/loadTextractDocument.js';
import { TextractDocument } from '../model/TextractDocument.js';
import type {
  TextractLayoutBlock,
  TextractLine,
  TextractPage,
  TextractTable,
  TextractWord,
} from '../model/TextractPage.js';
import type { SegmentBox, SegmentLine, SegmentPoint } from './types.js';

/** A WORD as the segmenter reads it. */
export interface InputWord {
  /** The WORD text (may contain spaces, e.g. `$ 452.43`). */
  text: string;
  /** Enclosing box in normalised page coordinates. */
  bbox: SegmentBox;
  /** Polygon in normalised page coordinates; `[0] → [1]` runs along the text. */
  polygon: readonly SegmentPoint[];
  /** True for handwritten words (`TextType: HANDWRITING`): left out of body-size statistics. */
  handwriting: boolean;
}

/** A LINE as the segmenter reads it: the fields a segment reports, plus the words. */
export interface InputLine extends SegmentLine {
  /** The line's words (may be empty; their boxes feed the "first word would have fitted" test). */
  words: readonly InputWord[];
}

/** A LAYOUT block; `items` holds the LAYOUT_TEXT children of a LAYOUT_LIST. */
export interface InputLayoutBlock {
  /** The LAYOUT block `Id`. */
  id: string;
  /** Textract block type, e.g. `LAYOUT_TEXT`. */
  type: string;
  /** 0–100. */
  confidence: number;
  /** The block's box in normalised page coordinates (kept for figures without lines). */
  bbox: SegmentBox;
  /** LINE ids of the block's `CHILD` relationship, in order. */
  lineIds: readonly string[];
  /** For a LAYOUT_LIST, its LAYOUT_TEXT items; empty otherwise. */
  items: readonly InputLayoutBlock[];
}

/**
 * A word of a table cell, with the LINE it belongs to (only words of a table segment's own lines are shown).
 *
 * @example
 * ```ts
 * const word: InputCellWord = { text: '8.0', lineId: 'line-17' };
 * ```
 */
export interface InputCellWord {
  /** The WORD text. */
  text: string;
  /** The LINE block `Id` holding the word. */
  lineId: string;
}

/**
 * One logical cell of a table: a CELL, or a MERGED_CELL standing for the CELLs it merges. Indices are 1-based,
 * as Textract gives them. The cells of a table must tile its grid (every position covered exactly once), or the
 * table segment gets no grid.
 *
 * @example
 * ```ts
 * // A header cell spanning columns 2 and 3 of row 1.
 * const cell: InputTableCell = {
 *   rowIndex: 1, columnIndex: 2, rowSpan: 1, columnSpan: 2, columnHeader: true,
 *   words: [{ text: 'Three', lineId: 'l1' }, { text: 'Months', lineId: 'l1' }],
 * };
 * ```
 */
export interface InputTableCell {
  /** 1-based row of the top-left grid position. */
  rowIndex: number;
  /** 1-based column of the top-left grid position. */
  columnIndex: number;
  /** Rows covered (1 for a plain cell). */
  rowSpan: number;
  /** Columns covered (1 for a plain cell). */
  columnSpan: number;
  /** True when Textract marked the cell `COLUMN_HEADER`. */
  columnHeader: boolean;
  /** The cell's words in reading order (line by line, left to right). */
  words: readonly InputCellWord[];
}

/** A TABLE block with the LINEs whose words sit in its cells. */
export interface InputTable {
  /** The TABLE block `Id`. */
  id: string;
  /** The table's box in normalised page coordinates. */
  bbox: SegmentBox;
  /** Ids of the LINEs with a word in one of the table's cells, sorted. */
  lineIds: readonly string[];
  /**
   * The logical cells, row by row (merged cells replace the cells they merge). Optional: without them a
   * table segment has no {@link Segment.table} grid.
   */
  cells?: readonly InputTableCell[];
}

/** One page of segmenter input. */
export interface InputPage {
  /** 1-based. */
  page: number;
  /** Width divided by height when known (from a document model or caller), else undefined. */
  aspectRatio: number | undefined;
  /** Lines sorted by position (top, left, id), so block order never matters. */
  lines: readonly InputLine[];
  /** LAYOUT blocks in PAGE `CHILD` order, lists expanded into `items`. */
  layout: readonly InputLayoutBlock[];
  /** TABLE blocks that hold at least one LINE. */
  tables: readonly InputTable[];
  /** LINE ids with a word in a KEY_VALUE_SET key or value. */
  keyValueLineIds: ReadonlySet<string>;
}

/** The segmenter's input: pages in ascending order. */
export interface SegmentInput {
  /** One entry per page, ascending by `page`. */
  pages: readonly InputPage[];
}

/**
 * What {@link ParagraphSegmenter.segment} accepts: a loaded {@link TextractDocument}, anything
 * `loadTextractDocument` accepts (a response, paginated parts, a `Blocks` array, JSON text or bytes), or
 * prepared {@link SegmentInput} (for lines from any OCR engine).
 */
export type SegmentableDocument = TextractDocument | TextractDocumentInput | SegmentInput;

/** Options of {@link toSegmentInput}. */
export interface SegmentInputOptions {
  /** Skip malformed blocks (each reported through `logger` and `document.droppedLineIds`) instead of throwing. */
  skipInvalidLines?: boolean;
  /** Receives the metadata-only warnings about skipped blocks. Default: silent. */
  logger?: Logger | undefined;
}

/**
 * True when `value` is already {@link SegmentInput} (pages carry `page`, not the model's `pageNumber`).
 *
 * @example
 * ```ts
 * isSegmentInput({ pages: [] }); // true
 * ```
 */
export function isSegmentInput(value: unknown): value is SegmentInput {
  if (typeof value !== 'object' || value === null || value instanceof TextractDocument) return false;
  const pages = (value as { pages?: unknown }).pages;
  return Array.isArray(pages) && pages.every((p) => typeof (p as { page?: unknown }).page === 'number');
}

/**
 * Turns a document into segmenter input: raw Textract output goes through `loadTextractDocument` (pages by
 * `Block.Page`, never by block order); lines are then sorted by position so block order never matters.
 * Prepared {@link SegmentInput} is checked (a {@link ValidationError} names the first bad field) and used as is.
 *
 * @example
 * ```ts
 * const input = toSegmentInput(JSON.parse(savedJson));
 * console.log(input.pages.length);
 * ```
 */
export function toSegmentInput(document: SegmentableDocument, options: SegmentInputOptions = {}): SegmentInput {
  return segmentInputOf(document, options, false);
}

/**
 * Internal: {@link toSegmentInput} for the segmenter itself. With `lean`, model lines become
 * {@link ModelInputLine}s, whose words the reading frame reads from the model in place.
 *
 * @example
 * ```ts
 * const input = segmentInputOf(document, {}, true);
 * ```
 */
export function segmentInputOf(
  document: SegmentableDocument,
  options: SegmentInputOptions,
  lean: boolean,
): SegmentInput {
  if (isSegmentInput(document)) return checkPreparedInput(document);
  const model =
    document instanceof TextractDocument
      ? document
      : loadTextractDocument(document as TextractDocumentInput, {
          onInvalid: options.skipInvalidLines ? 'skip' : 'throw',
          logger: options.logger,
        });
  return { pages: model.pages.map((page) => fromModelPage(page, lean)) };
}

/** Prepared input comes from any code, not just the document model: check what the segmenter relies on. */
function checkPreparedInput(input: SegmentInput): SegmentInput {
  input.pages.forEach((page, p) => {
    const at = `document.pages[${p}]`;
    for (const key of ['lines', 'layout', 'tables'] as const) {
      if (!Array.isArray(page[key])) throw new ValidationError(`${at}.${key}`, 'must be an array (it may be empty)');
    }
    if (typeof page.keyValueLineIds?.has !== 'function') {
      throw new ValidationError(`${at}.keyValueLineIds`, 'must be a Set of LINE ids (it may be empty)');
    }
    page.lines.forEach((line, l) => {
      const where = `${at}.lines[${l}]`;
      if (typeof line?.id !== 'string') throw new ValidationError(`${where}.id`, 'must be a string');
      if (typeof line.text !== 'string') throw new ValidationError(`${where}.text`, 'must be a string');
      const { left, top, width, height } = line.bbox ?? {};
      if (![left, top, width, height].every(Number.isFinite)) {
        throw new ValidationError(`${where}.bbox`, 'must have finite left, top, width and height');
      }
      if (!Array.isArray(line.polygon)) throw new ValidationError(`${where}.polygon`, 'must be an array');
      if (!Array.isArray(line.words)) throw new ValidationError(`${where}.words`, 'must be an array (it may be empty)');
    });
    page.tables.forEach((table, t) => {
      checkTableCells(table, `${at}.tables[${t}]`);
    });
  });
  return input;
}

function checkTableCells(table: InputTable, at: string): void {
  if (table?.cells === undefined) return;
  if (!Array.isArray(table.cells)) throw new ValidationError(`${at}.cells`, 'must be an array when given');
  table.cells.forEach((cell, c) => {
    const where = `${at}.cells[${c}]`;
    for (const key of ['rowIndex', 'columnIndex', 'rowSpan', 'columnSpan'] as const) {
      const value = cell?.[key];
      if (!Number.isSafeInteger(value) || (value as number) < 1) {
        throw new ValidationError(`${where}.${key}`, 'must be a positive integer');
      }
    }
    if (!Array.isArray(cell.words)) throw new ValidationError(`${where}.words`, 'must be an array (it may be empty)');
  });
}

function fromModelPage(page: TextractPage, lean: boolean): InputPage {
  const lines = page.lines.map(lean ? (line) => new ModelInputLine(line) : fromModelLine).sort(compareLines);
  // Reading position of every word in a line: line by line (Textract's order), then the line's word order.
  // Only table cells need it: pages without tables skip the map.
  const wordOrder = new Map<string, number>();
  if (page.tables.length > 0) {
    for (const line of page.lines)
      for (const word of line.words) if (!wordOrder.has(word.id)) wordOrder.set(word.id, wordOrder.size);
  }
  const keyValueLineIds = new Set<string>();
  for (const field of page.keyValues) {
    addLineIds(keyValueLineIds, field.key.words);
    if (field.value) addLineIds(keyValueLineIds, field.value.words);
  }
  return {
    page: page.pageNumber,
    aspectRatio: page.size ? page.size.widthPt / page.size.heightPt : undefined,
    lines,
    layout: page.layout.map(fromModelLayout),
    tables: page.tables
      .map((table) => ({
        id: table.id,
        bbox: table.geometry?.bbox ?? emptyBox(),
        lineIds: [...new Set(table.cells.flatMap((cell) => cell.lines.map((l) => l.id)))].sort(),
        cells: logicalCells(table, wordOrder),
      }))
      .filter((table) => table.lineIds.length > 0),
    keyValueLineIds,
  };
}

function addLineIds(ids: Set<string>, words: readonly TextractWord[]): void {
  for (let i = 0; i < words.length; i++) {
    const lineId = (words[i] as TextractWord).lineId;
    if (lineId !== undefined) ids.add(lineId);
  }
}

/**
 * The logical cells of a table: each MERGED_CELL with the words of the cells it merges, then every CELL that
 * no merged cell covers. Words are sorted into reading order, because a merged cell lists its cells column by
 * column and a cell of two lines may list its words in any order.
 */
function logicalCells(table: TextractTable, wordOrder: ReadonlyMap<string, number>): InputTableCell[] {
  const words = (list: readonly TextractWord[]): InputCellWord[] =>
    list
      .filter((w) => w.lineId !== undefined && wordOrder.has(w.id))
      .sort((a, b) => wordOrder.get(a.id)! - wordOrder.get(b.id)!)
      .map((w) => ({ text: w.text, lineId: w.lineId! }));
  const cellsById = new Map(table.cells.map((cell) => [cell.id, cell]));
  const merged = new Set<string>();
  const out: InputTableCell[] = [];
  for (const m of table.mergedCells) {
    const members = m.cellIds.flatMap((id) => cellsById.get(id) ?? []);
    if (members.some((cell) => cell.mergedCellId !== m.id)) continue; // a cell claimed by two merged cells: keep the cells
    for (const cell of members) merged.add(cell.id);
    out.push({
      rowIndex: m.rowIndex,
      columnIndex: m.columnIndex,
      rowSpan: m.rowSpan,
      columnSpan: m.columnSpan,
      columnHeader: [m, ...members].some((c) => c.entityTypes.includes('COLUMN_HEADER')),
      words: words(members.flatMap((cell) => cell.words)),
    });
  }
  for (const cell of table.cells) {
    if (merged.has(cell.id)) continue;
    out.push({
      rowIndex: cell.rowIndex,
      columnIndex: cell.columnIndex,
      rowSpan: cell.rowSpan,
      columnSpan: cell.columnSpan,
      columnHeader: cell.entityTypes.includes('COLUMN_HEADER'),
      words: words(cell.words),
    });
  }
  return out.sort((a, b) => a.rowIndex - b.rowIndex || a.columnIndex - b.columnIndex);
}

function fromModelLine(line: TextractLine): InputLine {
  return {
    id: line.id,
    text: line.text,
    page: line.page,
    confidence: line.confidence ?? 100,
    bbox: line.geometry.bbox,
    polygon: line.geometry.polygon,
    words: line.words.map(fromModelWord),
  };
}

function fromModelWord(word: TextractWord): InputWord {
  return {
    text: word.text,
    bbox: word.geometry.bbox,
    polygon: word.geometry.polygon,
    handwriting: word.textType === 'HANDWRITING',
  };
}

/**
 * Internal: a model LINE as the segmenter's own input (never handed out: {@link toSegmentInput} returns plain
 * objects). `words` are built only when read: the reading frame reads the model words (`modelWords`) and their
 * packed geometry directly, so a page's words cost no objects.
 */
export class ModelInputLine implements InputLine {
  /** The LINE block `Id`. */
  readonly id: string;
  /** The LINE text. */
  readonly text: string;
  /** 1-based page number. */
  readonly page: number;
  /** 0–100 (100 when the response had none). */
  readonly confidence: number;
  /** Enclosing box, normalised. */
  readonly bbox: SegmentBox;
  /** Polygon, normalised. */
  readonly polygon: readonly SegmentPoint[];
  /** The model's words of the line. */
  readonly modelWords: readonly TextractWord[];

  /**
   * @example
   * ```ts
   * const line = new ModelInputLine(document.pages[0].lines[0]);
   * ```
   */
  constructor(line: TextractLine) {
    this.id = line.id;
    this.text = line.text;
    this.page = line.page;
    this.confidence = line.confidence ?? 100;
    this.bbox = line.geometry.bbox;
    this.polygon = line.geometry.polygon;
    this.modelWords = line.words;
  }

  /** The line's words as {@link InputWord}s. */
  get words(): readonly InputWord[] {
    return this.modelWords.map(fromModelWord);
  }
}

function fromModelLayout(block: TextractLayoutBlock): InputLayoutBlock {
  return {
    id: block.id,
    type: block.blockType,
    confidence: block.confidence ?? 100,
    bbox: block.geometry?.bbox ?? emptyBox(),
    lineIds: block.lines.map((l) => l.id),
    items: block.type === 'LIST' ? block.children.map(fromModelLayout) : [],
  };
}

function compareLines(a: InputLine, b: InputLine): number {
  return a.bbox.top - b.bbox.top || a.bbox.left - b.bbox.left || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

function emptyBox(): SegmentBox {
  return { left: 0, top: 0, width: 0, height: 0 };
}
