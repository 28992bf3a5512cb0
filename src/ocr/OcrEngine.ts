/**
 * The contract between OCR engines and what consumes their output (e.g. `SearchablePdfBuilder`). Every engine
 * returns Textract-shaped blocks (PAGE, LINE, WORD with normalised geometry and `Page` numbers), so everything
 * downstream is engine-agnostic: Amazon Textract, the embedded Tesseract engine, or your own. The block shape
 * lives here, with the contract that emits it; `aws-ml-kit/textract` re-exports it under the same names.
 *
 * @module
 */

/** A normalised (0–1) axis-aligned box, as in Textract `Geometry.BoundingBox`. */
export interface BoundingBoxLike {
  /** Distance from the page's left edge, as a fraction of the page width. */
  Left?: number | undefined;
  /** Distance from the page's top edge, as a fraction of the page height. */
  Top?: number | undefined;
  /** Width, as a fraction of the page width. */
  Width?: number | undefined;
  /** Height, as a fraction of the page height. */
  Height?: number | undefined;
}

/** A normalised (0–1) point, as in Textract `Geometry.Polygon`. */
export interface PointLike {
  /** Fraction of the page width from the left edge. */
  X?: number | undefined;
  /** Fraction of the page height from the top edge. */
  Y?: number | undefined;
}

/** Textract `Geometry`. `Polygon[0] → Polygon[1]` runs along the text direction. */
export interface GeometryLike {
  /** The axis-aligned box around the block. */
  BoundingBox?: BoundingBoxLike | undefined;
  /** The block's outline, clockwise from the top-left corner of the text (four points for text). */
  Polygon?: readonly PointLike[] | undefined;
  /** Degrees; present in newer responses only. */
  RotationAngle?: number | undefined;
}

/** Textract `Relationship`. */
export interface RelationshipLike {
  /** `CHILD`, `VALUE`, `MERGED_CELL`, `TABLE_TITLE`, `TABLE_FOOTER`, ... */
  Type?: string | undefined;
  /** Ids of the related blocks, in order. */
  Ids?: readonly string[] | undefined;
}

/** Textract `Block`: the fields aws-ml-kit reads. */
export interface TextractBlockLike {
  /** `PAGE`, `LINE`, `WORD`, `LAYOUT_*`, `TABLE`, `CELL`, `KEY_VALUE_SET`, ...; unknown types are ignored. */
  BlockType?: string | undefined;
  /** Unique within the response (or job). */
  Id?: string | undefined;
  /** Recognised text of a LINE or WORD. */
  Text?: string | undefined;
  /** `PRINTED` or `HANDWRITING` (words). */
  TextType?: string | undefined;
  /** Textract's confidence, 0–100. */
  Confidence?: number | undefined;
  /** 1-based page number; absent in synchronous (single-page) responses. */
  Page?: number | undefined;
  /** Where the block is on its page, normalised to 0–1. */
  Geometry?: GeometryLike | undefined;
  /** Links to child, value, merged-cell and caption blocks. */
  Relationships?: readonly RelationshipLike[] | undefined;
  /** E.g. `KEY` / `VALUE` on KEY_VALUE_SET blocks, `COLUMN_HEADER` on cells. */
  EntityTypes?: readonly string[] | undefined;
  /** `SELECTED` or `NOT_SELECTED` (SELECTION_ELEMENT blocks). */
  SelectionStatus?: string | undefined;
  /** 1-based row of a table cell. */
  RowIndex?: number | undefined;
  /** 1-based column of a table cell. */
  ColumnIndex?: number | undefined;
  /** Rows a (merged) cell spans. */
  RowSpan?: number | undefined;
  /** Columns a (merged) cell spans. */
  ColumnSpan?: number | undefined;
}

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
