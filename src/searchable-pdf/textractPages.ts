/**
 * Reads Textract-shaped blocks (from any `OcrEngine`, or saved Textract JSON, single or paginated) into
 * {@link OcrPageText} pages. Pages are assigned by `Block.Page`, never by block order.
 *
 * This is a lean, single-pass reader of only what a text layer needs (LINE → WORD text and geometry), rather
 * than the full Textract document model (tables, forms, layout): on a 500-page, 300-word-per-page job it keeps
 * the builder within its memory budget and costs a fraction of the time.
 *
 * @module
 */
import { ValidationError } from '../kit/errors.js';
import { collectTextractInput } from '../textract/model/collectTextractInput.js';
import type {
  BoundingBoxLike,
  GeometryLike,
  TextractBlockLike,
  TextractResponseLike,
} from '../textract/model/TextractBlockLike.js';
import type { NormalisedBox, NormalisedPoint, OcrLineText, OcrPageText, OcrWordText } from './OcrPageText.js';

/** Textract output in any of the shapes the builder accepts. */
export type TextractInput =
  | TextractResponseLike
  | readonly TextractResponseLike[]
  | readonly TextractBlockLike[]
  | {
      /** Textract-shaped blocks, as an `OcrEngine` returns them. */
      readonly blocks: readonly TextractBlockLike[];
    };

/** The pages read from Textract-shaped blocks. Pages are converted on demand, so only one is held at a time. */
export interface TextractPages {
  /** Page numbers that have at least a PAGE, LINE or WORD block, ascending. */
  readonly pageNumbers: readonly number[];
  /** The highest page number seen (or `DocumentMetadata.Pages`, whichever is larger). */
  readonly pageCount: number;
  /** Converts one page (lines of words); `undefined` for a page without OCR blocks. */
  page(pageNumber: number): OcrPageText | undefined;
  /** Blocks that could not be used so far (missing geometry, dangling ids), counted by reason. */
  readonly skipped: Readonly<Record<string, number>>;
}

function toBox(box: BoundingBoxLike | undefined): NormalisedBox | undefined {
  if (!isObject(box)) return undefined;
  const { Left, Top, Width, Height } = box as BoundingBoxLike;
  if (typeof Left !== 'number' || typeof Top !== 'number' || typeof Width !== 'number' || typeof Height !== 'number') {
    return undefined;
  }
  return { left: Left, top: Top, width: Width, height: Height };
}

function toPolygon(geometry: GeometryLike | undefined): NormalisedPoint[] | undefined {
  const polygon: unknown = isObject(geometry) ? geometry.Polygon : undefined;
  if (!Array.isArray(polygon) || polygon.length !== 4) return undefined;
  const points: NormalisedPoint[] = [];
  for (const p of polygon as unknown[]) {
    if (!isObject(p) || typeof p.X !== 'number' || typeof p.Y !== 'number') return undefined;
    points.push({ x: p.X, y: p.Y });
  }
  return points;
}

function boxOfPolygon(polygon: readonly NormalisedPoint[]): NormalisedBox {
  const xs = polygon.map((p) => p.x);
  const ys = polygon.map((p) => p.y);
  const left = Math.min(...xs);
  const top = Math.min(...ys);
  return { left, top, width: Math.max(...xs) - left, height: Math.max(...ys) - top };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** Any accepted Textract shape as one block list (the model's input rules), with the pages the responses declare. */
function collectBlocks(input: TextractInput): { blocks: readonly unknown[]; declaredPages: number } {
  let collected: ReturnType<typeof collectTextractInput>;
  const shape: unknown = input;
  if (
    isObject(shape) &&
    !Array.isArray(shape) &&
    !ArrayBuffer.isView(shape) &&
    !Array.isArray(shape.Blocks) &&
    !Array.isArray(shape.blocks)
  ) {
    // An object that is neither a Textract response nor an engine result: say what it lacks, not that it is absent.
    const kind = shape.Blocks === undefined ? 'no Blocks or blocks array' : `Blocks of type ${typeof shape.Blocks}`;
    throw new ValidationError('options.ocr', `has ${kind}; expected an OcrResult or Textract output`);
  }
  try {
    collected = collectTextractInput(input);
  } catch (error) {
    if (error instanceof ValidationError) throw new ValidationError('options.ocr', error.rule, { cause: error });
    throw error;
  }
  let declaredPages = 0;
  for (const response of collected.responses) {
    const pages = response.DocumentMetadata?.Pages;
    if (typeof pages === 'number' && Number.isFinite(pages)) declaredPages = Math.max(declaredPages, pages);
  }
  return { blocks: collected.blocks, declaredPages };
}

/** The ids a block lists as `CHILD`; `undefined` when its relationships are malformed. */
function childIds(block: TextractBlockLike): string[] | undefined {
  const relationships: unknown = block.Relationships;
  if (relationships === undefined) return [];
  if (!Array.isArray(relationships)) return undefined;
  const ids: string[] = [];
  for (const relation of relationships as unknown[]) {
    if (!isObject(relation)) return undefined;
    if (relation.Type !== 'CHILD') continue;
    if (!Array.isArray(relation.Ids)) return undefined;
    for (const id of relation.Ids as unknown[]) if (typeof id === 'string') ids.push(id);
  }
  return ids;
}

/** Lines listed by a PAGE block first, in that order; the others after, top to bottom, left to right, then by id. */
function inPageOrder(lines: readonly TextractBlockLike[], listedAt: ReadonlyMap<string, number>): TextractBlockLike[] {
  const key = (line: TextractBlockLike) => ({
    line,
    listed: (typeof line.Id === 'string' ? listedAt.get(line.Id) : undefined) ?? Number.POSITIVE_INFINITY,
    top: toBox(line.Geometry?.BoundingBox)?.top ?? 0,
    left: toBox(line.Geometry?.BoundingBox)?.left ?? 0,
    id: String(line.Id ?? ''),
  });
  return lines
    .map(key)
    .sort((a, b) => {
      if (a.listed !== b.listed) return a.listed < b.listed ? -1 : 1;
      return a.top - b.top || a.left - b.left || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
    })
    .map((keyed) => keyed.line);
}

/**
 * Groups Textract blocks into pages of lines of words.
 *
 * @example
 * ```ts
 * const pages = textractPages(JSON.parse(savedJson));
 * pages.page(1)?.lines.length;
 * ```
 */
export function textractPages(input: TextractInput): TextractPages {
  const { blocks, declaredPages } = collectBlocks(input);
  const skipped: Record<string, number> = {};
  const skip = (reason: string): void => {
    skipped[reason] = (skipped[reason] ?? 0) + 1;
  };
  const words = new Map<string, TextractBlockLike>();
  let pageCount = declaredPages;
  const seenPages = new Set<number>();
  const usable: TextractBlockLike[] = [];
  for (const item of blocks) {
    if (!isObject(item)) {
      skip('not-a-block');
      continue;
    }
    const block = item as TextractBlockLike;
    const page = block.Page ?? 1;
    if (!Number.isInteger(page) || page < 1) {
      skip('invalid-page');
      continue;
    }
    usable.push(block);
    if (block.BlockType === 'PAGE' || block.BlockType === 'LINE' || block.BlockType === 'WORD') {
      seenPages.add(page);
      pageCount = Math.max(pageCount, page);
    }
    if (block.BlockType === 'WORD' && block.Id !== undefined) words.set(block.Id, block);
  }
  const linesByPage = new Map<number, TextractBlockLike[]>();
  for (const page of seenPages) linesByPage.set(page, []);
  // Line order is the PAGE blocks' CHILD order (Textract's reading order), as in the document model, so the
  // same OCR in any block order or pagination gives the same text layer.
  const listedAt = new Map<string, number>();
  for (const block of usable) {
    if (block.BlockType === 'LINE') linesByPage.get(block.Page ?? 1)?.push(block);
    else if (block.BlockType === 'PAGE') for (const id of childIds(block) ?? []) listedAt.set(id, listedAt.size);
  }

  const convertLine = (block: TextractBlockLike): OcrLineText | undefined => {
    const polygon = toPolygon(block.Geometry);
    const box = toBox(block.Geometry?.BoundingBox) ?? (polygon && boxOfPolygon(polygon));
    if (!box) {
      skip('line-without-geometry');
      return undefined;
    }
    const lineWords: OcrWordText[] = [];
    const ids = childIds(block);
    if (!ids) skip('malformed-relationships');
    for (const id of ids ?? []) {
      const word = words.get(id);
      if (!word) {
        skip('dangling-word-id');
        continue;
      }
      const wordPolygon = toPolygon(word.Geometry);
      const wordBox = toBox(word.Geometry?.BoundingBox) ?? (wordPolygon && boxOfPolygon(wordPolygon));
      if (!wordBox) {
        skip('word-without-geometry');
        continue;
      }
      lineWords.push({ text: typeof word.Text === 'string' ? word.Text : '', box: wordBox, polygon: wordPolygon });
    }
    return { words: lineWords, box, polygon };
  };
  return {
    pageNumbers: [...linesByPage.keys()].sort((a, b) => a - b),
    pageCount,
    skipped,
    page(pageNumber: number): OcrPageText | undefined {
      const lineBlocks = linesByPage.get(pageNumber);
      if (!lineBlocks) return undefined;
      const lines: OcrLineText[] = [];
      for (const block of inPageOrder(lineBlocks, listedAt)) {
        const line = convertLine(block);
        if (line) lines.push(line);
      }
      return { page: pageNumber, lines };
    },
  };
}
