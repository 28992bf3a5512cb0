/**
 * The OCR geometry the text layer is built from: per page, lines of words, each with its text and its box (and
 * polygon when known) in normalised page coordinates (0–1, origin top-left, y down, as Textract reports them).
 *
 * @module
 */

/** A point in normalised page coordinates (0–1, y down). */
export interface NormalisedPoint {
  readonly x: number;
  readonly y: number;
}

/** An axis-aligned box in normalised page coordinates (0–1, y down). */
export interface NormalisedBox {
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
}

/** One recognised word. */
export interface OcrWordText {
  readonly text: string;
  readonly box: NormalisedBox;
  /** Four corners, `polygon[0] → polygon[1]` along the top edge in reading direction. */
  readonly polygon?: readonly NormalisedPoint[] | undefined;
}

/** One recognised line and its words in reading order. */
export interface OcrLineText {
  readonly words: readonly OcrWordText[];
  readonly box: NormalisedBox;
  readonly polygon?: readonly NormalisedPoint[] | undefined;
}

/** One page of OCR output. `page` counts from 1. */
export interface OcrPageText {
  readonly page: number;
  readonly lines: readonly OcrLineText[];
}
