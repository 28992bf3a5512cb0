/**
 * Reads Textract-shaped blocks (from any `OcrEngine`, or saved Textract JSON, single or paginated) into
 * {@link OcrPageText} pages through the Textract document model, so pages are assigned by `Block.Page`, never
 * by block order, and invalid blocks are skipped and counted rather than fatal.
 *
 * @module
 */
import type { TextractDocumentInput } from '../textract/model/collectTextractInput.js';
import { loadTextractDocument } from '../textract/model/loadTextractDocument.js';
import type { TextractBlockLike, TextractResponseLike } from '../textract/model/TextractBlockLike.js';
import type { OcrPageText } from './OcrPageText.js';

/** Textract output in any of the shapes the builder accepts (an `OcrResult` included). */
export type TextractInput =
  | TextractResponseLike
  | readonly TextractResponseLike[]
  | readonly TextractBlockLike[]
  | { readonly blocks: readonly TextractBlockLike[] };

/** The pages read from Textract-shaped blocks. */
export interface TextractPages {
  /** Pages by page number. */
  readonly pages: ReadonlyMap<number, OcrPageText>;
  /** The highest page number seen, or `DocumentMetadata.Pages` when larger. */
  readonly pageCount: number;
  /** Blocks the model skipped, counted by warning code. */
  readonly skipped: Readonly<Record<string, number>>;
}

function declaredPages(input: TextractInput): number {
  const responses = Array.isArray(input) ? input : [input];
  let pages = 0;
  for (const response of responses as readonly { DocumentMetadata?: { Pages?: number | undefined } }[]) {
    pages = Math.max(pages, response?.DocumentMetadata?.Pages ?? 0);
  }
  return pages;
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
  const source: TextractDocumentInput =
    'blocks' in input && Array.isArray(input.blocks) ? input.blocks : (input as TextractDocumentInput);
  const document = loadTextractDocument(source, { onInvalid: 'skip' });
  const skipped: Record<string, number> = {};
  for (const warning of document.warnings) skipped[warning.code] = (skipped[warning.code] ?? 0) + 1;
  const pages = new Map<number, OcrPageText>();
  let pageCount = declaredPages(input);
  for (const page of document.pages) {
    pageCount = Math.max(pageCount, page.pageNumber);
    pages.set(page.pageNumber, {
      page: page.pageNumber,
      lines: page.lines.map((line) => ({
        box: line.geometry.bbox,
        polygon: line.geometry.polygon,
        words: line.words.map((word) => ({ text: word.text, box: word.geometry.bbox, polygon: word.geometry.polygon })),
      })),
    });
  }
  return { pages, pageCount, skipped };
}
