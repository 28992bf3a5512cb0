/**
 * From a `TextractOcr` result straight to the document model.
 *
 * @module
 */
import { type LoadTextractDocumentOptions, loadTextractDocument } from '../model/loadTextractDocument.js';
import type { TextractDocument } from '../model/TextractDocument.js';
import { type TextractOcrResult, toTextractResponse } from './TextractOcrResult.js';

/**
 * Loads a `TextractOcr` result (synchronous, or every page of a job) into a {@link TextractDocument}: pages, lines,
 * words, layout, tables and key-values, with pages assigned by `Block.Page`.
 *
 * @example
 * ```ts
 * const result = await ocr.analyzeDocument(bytes, { featureTypes: ['LAYOUT', 'TABLES'] });
 * const document = toTextractDocument(result);
 * console.log(document.pageCount, document.lineCount);
 * ```
 */
export function toTextractDocument(result: TextractOcrResult, options?: LoadTextractDocumentOptions): TextractDocument {
  return loadTextractDocument(toTextractResponse(result), options);
}
