/**
 * The contract between OCR engines and what consumes their output (e.g. `SearchablePdfBuilder`). Every engine
 * returns Textract-shaped blocks (PAGE, LINE, WORD with normalised geometry and `Page` numbers), so everything
 * downstream is engine-agnostic: Amazon Textract, the embedded Tesseract engine, or your own.
 *
 * @module
 */
import type { TextractBlockLike } from '../textract/model/TextractBlockLike.js';

/** Media types an engine may be asked to read. */
export type OcrMediaType = 'image/jpeg' | 'image/png' | 'image/tiff' | 'application/pdf';

/** One document to recognise. */
export interface OcrInput {
  /** The file's bytes. Engines never modify them. */
  readonly bytes: Uint8Array;
  /** The format of `bytes`; engines check it against the file signature. */
  readonly mediaType: OcrMediaType;
}

/** Options every engine accepts. */
export interface OcrOptions {
  /** Cancels recognition; the promise rejects with the signal's reason. */
  signal?: AbortSignal | undefined;
  /** Called after each page is recognised. */
  onProgress?: ((progress: { page: number; pageCount: number }) => void) | undefined;
}

/** What an engine returns: Textract-shaped blocks for every page. */
export interface OcrResult {
  /** PAGE, LINE and WORD blocks (at least), geometry normalised to 0–1, `Page` numbered from 1. */
  readonly blocks: readonly TextractBlockLike[];
  /** Pages in the document. */
  readonly pageCount: number;
  /** Which engine produced the result, e.g. `textract` or `tesseract`. */
  readonly engine: string;
  /** Non-fatal problems (ids and counts only, never text). */
  readonly warnings: readonly string[];
  /** The service request id(s), when a service was called. */
  readonly requestIds?: readonly string[];
}

/**
 * An OCR engine.
 *
 * @example
 * ```ts
 * const engine: OcrEngine = new TesseractOcr();
 * const { blocks } = await engine.recognize({ bytes, mediaType: 'image/png' });
 * ```
 */
export interface OcrEngine {
  /** A short engine name, e.g. `textract`. */
  readonly name: string;
  /** Recognises every page of `input`. */
  recognize(input: OcrInput, options?: OcrOptions): Promise<OcrResult>;
}
