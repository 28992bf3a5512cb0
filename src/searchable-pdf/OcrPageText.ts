/**
 * The OCR geometry the text layer is built from: per page, lines of words, each with its text and its box (and
 * polygon when known) in normalised page coordinates (0–1, origin top-left, y down, as Textract reports them).
 *
 * @module
 */

/** A point in normalised page coordinates (0–1, y down). */
export interface NormalisedPoint {
  /** Fraction of the page width from the left edge. */
  readonly x: number;
  /** Fraction of the page height from the top edge. */
  readonly y: number;
}

/** An axis-aligned box in normalised page coordinates (0–1, y down). */
export interface NormalisedBox {
  /** Left edge, as a fraction of the page width. */
  readonly left: number;
  /** Top edge, as a fraction of the page height. */
  readonly top: number;
  /** Width, as a fraction of the page width. */
  readonly width: number;
  /** Height, as a fraction of the page height. */
  readonly height: number;
}

/** One recognised word. */
export interface OcrWordText {
  /** The recognised text (any Unicode). */
  readonly text: string;
  /** The word's axis-aligned box. */
  readonly box: NormalisedBox;
  /** Four corners, `polygon[0] → polygon[1]` along the top edge in reading direction. */
  readonly polygon?: readonly NormalisedPoint[] | undefined;
}

/** One recognised line and its words in reading order. */
export interface OcrLineText {
  /** The words in reading order. */
  readonly words: readonly OcrWordText[];
  /** The line's axis-aligned box. */
  readonly box: NormalisedBox;
  /** Four corners, `polygon[0] → polygon[1]` along the top edge in reading direction. */
  readonly polygon?: readonly NormalisedPoint[] | undefined;
}

/** One page of OCR output. `page` counts from 1. */
export interface OcrPageText {
  /** 1-based page number. */
  readonly page: number;
  /** The lines, in OCR order. */
  readonly lines: readonly OcrLineText[];
}
