import { ResponseShapeError, ValidationError } from '../../kit/errors.js';
import { createSafeLogger, type Logger } from '../../kit/log.js';
import type { TextractBlockLike, TextractResponseLike } from '../model/TextractBlockLike.js';
import type { SegmentBox, SegmentPoint } from './types.js';

/** A WORD as the segmenter reads it. */
export interface InputWord {
  text: string;
  bbox: SegmentBox;
  polygon: readonly SegmentPoint[];
  handwriting: boolean;
}

/** A LINE as the segmenter reads it. */
export interface InputLine {
  id: string;
  text: string;
  page: number;
  /** 0–100. */
  confidence: number;
  bbox: SegmentBox;
  polygon: readonly SegmentPoint[];
  words: readonly InputWord[];
}

/** A LAYOUT block; `items` holds the LAYOUT_TEXT children of a LAYOUT_LIST. */
export interface InputLayoutBlock {
  id: string;
  /** Textract block type, e.g. `LAYOUT_TEXT`. */
  type: string;
  /** 0–100. */
  confidence: number;
  bbox: SegmentBox;
  lineIds: readonly string[];
  items: readonly InputLayoutBlock[];
}

/** A TABLE block with the LINEs whose words sit in its cells. */
export interface InputTable {
  id: string;
  bbox: SegmentBox;
  lineIds: readonly string[];
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
  tables: readonly InputTable[];
  /** LINE ids with a word in a KEY_VALUE_SET key or value. */
  keyValueLineIds: ReadonlySet<string>;
}

/** The segmenter's input: pages in ascending order. */
export interface SegmentInput {
  pages: readonly InputPage[];
}

/** What {@link ParagraphSegmenter.segment} accepts: one Textract response, paginated parts, or prepared input. */
export type SegmentableDocument = TextractResponseLike | readonly TextractResponseLike[] | SegmentInput;

const OPERATION = 'Textract';

/** Options of {@link buildSegmentInput}. */
export interface BuildInputOptions {
  /** Keep going past malformed LINE blocks, reporting each through the logger. */
  skipInvalidLines?: boolean;
  logger?: Logger | undefined;
}

/** True when `value` is already {@link SegmentInput}. */
export function isSegmentInput(value: unknown): value is SegmentInput {
  return typeof value === 'object' && value !== null && Array.isArray((value as { pages?: unknown }).pages);
}

/**
 * Reads Textract output (one response, or the paginated parts of one document) into segmenter input.
 * Pages come from `Block.Page` (or the PAGE block that lists the line), never from block order.
 *
 * @example
 * ```ts
 * const input = buildSegmentInput(JSON.parse(savedJson));
 * console.log(input.pages.length);
 * ```
 */
export function buildSegmentInput(document: SegmentableDocument, options: BuildInputOptions = {}): SegmentInput {
  if (isSegmentInput(document)) return document;
  const log = createSafeLogger(options.logger);
  const responses: readonly TextractResponseLike[] = Array.isArray(document)
    ? (document as readonly TextractResponseLike[])
    : [document as TextractResponseLike];
  const blocks: TextractBlockLike[] = [];
  responses.forEach((response, index) => {
    if (typeof response !== 'object' || response === null) {
      throw new ValidationError(`document[${index}]`, 'must be a Textract response object');
    }
    if (!Array.isArray(response.Blocks)) {
      throw new ValidationError(`document[${index}].Blocks`, 'must be an array of Textract blocks');
    }
    for (const block of response.Blocks) blocks.push(block);
  });

  const byId = new Map<string, TextractBlockLike>();
  blocks.forEach((block, index) => {
    if (typeof block !== 'object' || block === null) {
      throw new ResponseShapeError(OPERATION, `Blocks[${index}]`, 'is not an object');
    }
    if (typeof block.Id !== 'string' || block.Id === '') {
      throw new ResponseShapeError(OPERATION, `Blocks[${index}].Id`, 'is missing');
    }
    if (!byId.has(block.Id)) byId.set(block.Id, block);
  });
  const unique = [...byId.values()];
  const pageBlocks = unique.filter((b) => b.BlockType === 'PAGE');
  if (pageBlocks.length === 0) throw new ResponseShapeError(OPERATION, 'Blocks', 'contains no PAGE block');

  // Page of each block: its own Page field, else the PAGE block that lists it as a child.
  const pageOfChild = new Map<string, number>();
  const pageNumbers = new Map<string, number>();
  pageBlocks.forEach((pageBlock, index) => {
    const number = pageBlock.Page ?? (pageBlocks.length === 1 ? 1 : index + 1);
    if (!Number.isInteger(number) || number < 1) {
      throw new ResponseShapeError(OPERATION, `PAGE ${pageBlock.Id}.Page`, 'must be a positive integer');
    }
    checkPageGeometry(pageBlock);
    pageNumbers.set(pageBlock.Id!, number);
    for (const id of childIds(pageBlock)) pageOfChild.set(id, number);
  });
  const pageOf = (block: TextractBlockLike): number => block.Page ?? pageOfChild.get(block.Id!) ?? 1;

  const wordToLine = new Map<string, string>();
  const linesByPage = new Map<number, InputLine[]>();
  let skipped = 0;
  for (const block of unique) {
    if (block.BlockType !== 'LINE') continue;
    let line: InputLine;
    try {
      line = readLine(block, byId, pageOf(block));
    } catch (error) {
      if (!options.skipInvalidLines) throw error;
      skipped++;
      log.warn('segment.skippedLine', { code: 'RESPONSE_SHAPE', index: skipped });
      continue;
    }
    for (const id of childIds(block)) wordToLine.set(id, line.id);
    const list = linesByPage.get(line.page) ?? [];
    list.push(line);
    linesByPage.set(line.page, list);
  }
  if (skipped > 0) log.warn('segment.skippedLines', { count: skipped });

  // Group the blocks each page needs once, so the work stays linear in the number of pages.
  const pageBlockOf = new Map<number, TextractBlockLike>();
  for (const b of pageBlocks)
    if (!pageBlockOf.has(pageNumbers.get(b.Id!)!)) pageBlockOf.set(pageNumbers.get(b.Id!)!, b);
  const tablesByPage = new Map<number, TextractBlockLike[]>();
  const keyValuesByPage = new Map<number, TextractBlockLike[]>();
  for (const block of unique) {
    const target =
      block.BlockType === 'TABLE' ? tablesByPage : block.BlockType === 'KEY_VALUE_SET' ? keyValuesByPage : undefined;
    if (!target) continue;
    const page = pageOf(block);
    const list = target.get(page) ?? [];
    list.push(block);
    target.set(page, list);
  }
  const numbers = new Set<number>([...pageNumbers.values(), ...linesByPage.keys()]);
  const pages: InputPage[] = [...numbers]
    .sort((a, b) => a - b)
    .map((number) => {
      const pageBlock = pageBlockOf.get(number);
      const lines = (linesByPage.get(number) ?? []).sort(compareLines);
      return {
        page: number,
        aspectRatio: undefined,
        lines,
        layout: pageBlock ? readLayout(pageBlock, byId) : [],
        tables: readTables(tablesByPage.get(number) ?? [], byId, wordToLine),
        keyValueLineIds: readKeyValueLines(keyValuesByPage.get(number) ?? [], byId, wordToLine),
      };
    });
  return { pages };
}

function compareLines(a: InputLine, b: InputLine): number {
  return a.bbox.top - b.bbox.top || a.bbox.left - b.bbox.left || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

function childIds(block: TextractBlockLike | undefined, type = 'CHILD'): string[] {
  const ids: string[] = [];
  for (const relation of block?.Relationships ?? []) {
    if (relation.Type === type) for (const id of relation.Ids ?? []) ids.push(id);
  }
  return ids;
}

function checkPageGeometry(block: TextractBlockLike): void {
  const box = block.Geometry?.BoundingBox;
  if (box === undefined) return;
  if (!(Number(box.Width) > 0) || !(Number(box.Height) > 0)) {
    throw new ResponseShapeError(OPERATION, `PAGE ${block.Id}.Geometry.BoundingBox`, 'has zero or invalid size');
  }
}

function readBox(block: TextractBlockLike, path: string): SegmentBox {
  const box = block.Geometry?.BoundingBox;
  const left = box?.Left;
  const top = box?.Top;
  const width = box?.Width;
  const height = box?.Height;
  if (
    !Number.isFinite(left) ||
    !Number.isFinite(top) ||
    !Number.isFinite(width) ||
    !Number.isFinite(height) ||
    (width as number) < 0 ||
    (height as number) < 0
  ) {
    throw new ResponseShapeError(OPERATION, `${path}.Geometry.BoundingBox`, 'is missing or not finite');
  }
  return { left: left as number, top: top as number, width: width as number, height: height as number };
}

function readPolygon(block: TextractBlockLike, box: SegmentBox, path: string): SegmentPoint[] {
  const points = block.Geometry?.Polygon;
  if (!points || points.length < 4) return boxCorners(box);
  return points.map((point, index) => {
    if (!Number.isFinite(point.X) || !Number.isFinite(point.Y)) {
      throw new ResponseShapeError(OPERATION, `${path}.Geometry.Polygon[${index}]`, 'is not finite');
    }
    return { x: point.X as number, y: point.Y as number };
  });
}

/** Corners of a box, clockwise from top-left. */
export function boxCorners(box: SegmentBox): SegmentPoint[] {
  const right = box.left + box.width;
  const bottom = box.top + box.height;
  return [
    { x: box.left, y: box.top },
    { x: right, y: box.top },
    { x: right, y: bottom },
    { x: box.left, y: bottom },
  ];
}

function readLine(block: TextractBlockLike, byId: ReadonlyMap<string, TextractBlockLike>, page: number): InputLine {
  const path = `LINE ${block.Id}`;
  const bbox = readBox(block, path);
  const polygon = readPolygon(block, bbox, path);
  const words: InputWord[] = [];
  for (const id of childIds(block)) {
    const word = byId.get(id);
    if (!word) throw new ResponseShapeError(OPERATION, `${path}.Relationships`, `references missing block ${id}`);
    if (word.BlockType !== 'WORD') continue;
    const wordBox = readBox(word, `WORD ${id}`);
    words.push({
      text: word.Text ?? '',
      bbox: wordBox,
      polygon: readPolygon(word, wordBox, `WORD ${id}`),
      handwriting: word.TextType === 'HANDWRITING',
    });
  }
  const text = block.Text ?? words.map((w) => w.text).join(' ');
  return { id: block.Id!, text, page, confidence: finiteOr(block.Confidence, 100), bbox, polygon, words };
}

function finiteOr(value: number | undefined, fallback: number): number {
  return value !== undefined && Number.isFinite(value) ? value : fallback;
}

function readLayout(pageBlock: TextractBlockLike, byId: ReadonlyMap<string, TextractBlockLike>): InputLayoutBlock[] {
  const order = childIds(pageBlock)
    .map((id) => byId.get(id))
    .filter((b): b is TextractBlockLike => b?.BlockType?.startsWith('LAYOUT_') === true);
  const inList = new Set<string>();
  for (const block of order) {
    if (block.BlockType === 'LAYOUT_LIST') for (const id of childIds(block)) inList.add(id);
  }
  const read = (block: TextractBlockLike): InputLayoutBlock => {
    const children = childIds(block).map((id) => byId.get(id));
    return {
      id: block.Id!,
      type: block.BlockType!,
      confidence: finiteOr(block.Confidence, 100),
      bbox: block.Geometry?.BoundingBox ? readBox(block, `${block.BlockType} ${block.Id}`) : emptyBox(),
      lineIds: children.filter((c) => c?.BlockType === 'LINE').map((c) => c!.Id!),
      items:
        block.BlockType === 'LAYOUT_LIST'
          ? children.filter((c): c is TextractBlockLike => c?.BlockType?.startsWith('LAYOUT_') === true).map(read)
          : [],
    };
  };
  return order.filter((b) => !inList.has(b.Id!)).map(read);
}

function emptyBox(): SegmentBox {
  return { left: 0, top: 0, width: 0, height: 0 };
}

function readTables(
  blocks: readonly TextractBlockLike[],
  byId: ReadonlyMap<string, TextractBlockLike>,
  wordToLine: ReadonlyMap<string, string>,
): InputTable[] {
  const tables: InputTable[] = [];
  for (const block of blocks) {
    const lineIds = new Set<string>();
    for (const cellId of childIds(block)) {
      for (const wordId of childIds(byId.get(cellId))) {
        const lineId = wordToLine.get(wordId);
        if (lineId !== undefined) lineIds.add(lineId);
      }
    }
    if (lineIds.size === 0) continue;
    tables.push({ id: block.Id!, bbox: readBox(block, `TABLE ${block.Id}`), lineIds: [...lineIds].sort() });
  }
  return tables.sort((a, b) => a.bbox.top - b.bbox.top || a.bbox.left - b.bbox.left);
}

function readKeyValueLines(
  blocks: readonly TextractBlockLike[],
  byId: ReadonlyMap<string, TextractBlockLike>,
  wordToLine: ReadonlyMap<string, string>,
): Set<string> {
  const lineIds = new Set<string>();
  for (const block of blocks) {
    const wordIds = childIds(block);
    for (const valueId of childIds(block, 'VALUE')) wordIds.push(...childIds(byId.get(valueId)));
    for (const wordId of wordIds) {
      const lineId = wordToLine.get(wordId);
      if (lineId !== undefined) lineIds.add(lineId);
    }
  }
  return lineIds;
}
