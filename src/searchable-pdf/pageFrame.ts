/**
 * The frame OCR coordinates live in: the page as displayed (crop box, after `/Rotate`). This module maps that
 * frame into the page's default user space, so a non-zero crop box origin and any `/Rotate` are respected.
 *
 * @module
 */

/** A PDF matrix `[a b c d e f]`. */
export type PdfMatrix = readonly [number, number, number, number, number, number];

/** The displayed page: its size in points and the matrix from display space (origin bottom-left) to user space. */
export interface PageFrame {
  /** Width of the page as displayed (after `/Rotate`), in points. */
  readonly widthPt: number;
  /** Height of the page as displayed, in points. */
  readonly heightPt: number;
  /** Maps displayed-page coordinates (origin bottom-left of the CropBox as shown) to the page's user space. */
  readonly displayToUser: PdfMatrix;
}

/**
 * Computes the display frame of a page from its crop box `[x0 y0 x1 y1]` (any corner order) and `/Rotate`.
 *
 * @example
 * ```ts
 * pageFrame([0, 0, 612, 792], 90); // { widthPt: 792, heightPt: 612, displayToUser: [0, 1, -1, 0, 612, 0] }
 * ```
 */
export function pageFrame(box: readonly [number, number, number, number], rotateDeg: number): PageFrame {
  const x0 = Math.min(box[0], box[2]);
  const x1 = Math.max(box[0], box[2]);
  const y0 = Math.min(box[1], box[3]);
  const y1 = Math.max(box[1], box[3]);
  const w = x1 - x0;
  const h = y1 - y0;
  switch (normaliseRotation(rotateDeg)) {
    case 90:
      return { widthPt: h, heightPt: w, displayToUser: [0, 1, -1, 0, x1, y0] };
    case 180:
      return { widthPt: w, heightPt: h, displayToUser: [-1, 0, 0, -1, x1, y1] };
    case 270:
      return { widthPt: h, heightPt: w, displayToUser: [0, -1, 1, 0, x0, y1] };
    default:
      return { widthPt: w, heightPt: h, displayToUser: [1, 0, 0, 1, x0, y0] };
  }
}

/**
 * Brings a `/Rotate` value into 0, 90, 180 or 270 (viewers treat other values as 0).
 *
 * @example
 * ```ts
 * normaliseRotation(-90); // 270
 * ```
 */
export function normaliseRotation(rotateDeg: number): 0 | 90 | 180 | 270 {
  const r = ((Math.round(rotateDeg) % 360) + 360) % 360;
  return r === 90 || r === 180 || r === 270 ? r : 0;
}
