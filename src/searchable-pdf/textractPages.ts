/**
 * Reads Textract-shaped blocks (from any `OcrEngine`, or saved Textract JSON, single or paginated) into
 * {@link OcrPageText} pages. Pages are assigned by `Block.Page`, never by block order.
 *
 * @module
 */
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
  | { readonly blocks: readonly TextractBlockLike[] };

/** The pages read from Textract-shaped blocks. */
export interface TextractPages {
  /** Pages that have at least a PAGE, LINE or WORD block, by page number. */
  readonly pages: ReadonlyMap<number, OcrPageText>;
  /** The highest page number seen (or `DocumentMetadata.Pages`, whichever is larger). */
  readonly pageCount: number;
  /** Blocks that could not be used (missing geometry, dangling ids), counted by reason. */
  readonly skipped: Readonly<Record<string, number>>;
}

function toBox(box: BoundingBoxLike | undefined): NormalisedBox | undefined {
  if (!box) return undefined;
  const { Left, Top, Width, Height } = box;
  if (Left === undefined || Top === undefined || Width === undefined || Height === undefined) return undefined;
  return { left: Left, top: Top, width: Width, height: Height };
}

function toPolygon(geometry: GeometryLike | undefined): NormalisedPoint[] | undefined {
  const polygon = geometry?.Polygon;
  if (polygon?.length !== 4) return undefined;
  const points: NormalisedPoint[] = [];
  for (const p of polygon) {
    if (p.X === undefined || p.Y === undefined) return undefined;
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

/**
 * Flattens any accepted Textract shape into one block list.
 *
 * @example
 * ```ts
 * textractBlocks([page1Response, page2Response]).length; // all blocks of both responses
 * ```
 */
export function textractBlocks(input: TextractInput): { blocks: TextractBlockLike[]; declaredPages: number } {
  if ('blocks' in input && Array.isArray(input.blocks)) return { blocks: [...input.blocks], declaredPages: 0 };
  const responses: readonly TextractResponseLike[] = Array.isArray(input)
    ? (input as readonly TextractResponseLike[])
    : [input as TextractResponseLike];
  const blocks: TextractBlockLike[] = [];
  let declaredPages = 0;
  for (const response of responses) {
    for (const block of response.Blocks ?? []) blocks.push(block);
    declaredPages = Math.max(declaredPages, response.DocumentMetadata?.Pages ?? 0);
  }
  return { blocks, declaredPages };
}

/**
 * Groups Textract blocks into pages of lines of words.
 *
 * @example
 * ```ts
 * const { pages, pageCount } = textractPages(JSON.parse(savedJson));
 * pages.get(1)?.lines.length;
 * ```
 */
export function textractPages(input: TextractInput): TextractPages {
  const { blocks, declaredPages } = textractBlocks(input);
  const skipped: Record<string, number> = {};
  const skip = (reason: string): void => {
    skipped[reason] = (skipped[reason] ?? 0) + 1;
  };
  const words = new Map<string, TextractBlockLike>();
  let pageCount = declaredPages;
  const seenPages = new Set<number>();
  for (const block of blocks) {
    const page = block.Page ?? 1;
    if (block.BlockType === 'PAGE' || block.BlockType === 'LINE' || block.BlockType === 'WORD') {
      seenPages.add(page);
      pageCount = Math.max(pageCount, page);
    }
    if (block.BlockType === 'WORD' && block.Id !== undefined) words.set(block.Id, block);
  }
  const linesByPage = new Map<number, OcrLineText[]>();
  for (const page of seenPages) linesByPage.set(page, []);
  for (const block of blocks) {
    if (block.BlockType !== 'LINE') continue;
    const polygon = toPolygon(block.Geometry);
    const box = toBox(block.Geometry?.BoundingBox) ?? (polygon && boxOfPolygon(polygon));
    if (!box) {
      skip('line-without-geometry');
      continue;
    }
    const lineWords: OcrWordText[] = [];
    for (const relation of block.Relationships ?? []) {
      if (relation.Type !== 'CHILD') continue;
      for (const id of relation.Ids ?? []) {
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
        lineWords.push({ text: word.Text ?? '', box: wordBox, polygon: wordPolygon });
      }
    }
    linesByPage.get(block.Page ?? 1)?.push({ words: lineWords, box, polygon });
  }
  const pages = new Map<number, OcrPageText>();
  for (const [page, lines] of [...linesByPage].sort((a, b) => a[0] - b[0])) pages.set(page, { page, lines });
  return { pages, pageCount, skipped };
}
