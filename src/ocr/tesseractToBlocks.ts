/**
 * Pure mapping from a Tesseract page result (blocks → paragraphs → lines → words, boxes in pixels, confidence
 * 0–100) to Textract-shaped PAGE, LINE and WORD blocks with geometry normalised to 0–1.
 *
 * @module
 */
import { ValidationError } from '../kit/errors.js';
import type { TextractBlockLike } from './OcrEngine.js';

/** A Tesseract box in pixels: `(x0, y0)` top-left, `(x1, y1)` bottom-right, exclusive. */
export interface TesseractBboxLike {
  /** Left edge, in pixels. */
  readonly x0: number;
  /** Top edge, in pixels. */
  readonly y0: number;
  /** Right edge, in pixels. */
  readonly x1: number;
  /** Bottom edge, in pixels. */
  readonly y1: number;
}

/** The fields of a Tesseract symbol (character) this mapping reads. */
export interface TesseractSymbolLike {
  /** The glyph's box. */
  readonly bbox?: TesseractBboxLike | undefined;
}

/** The fields of a Tesseract word this mapping reads. */
export interface TesseractWordLike {
  /** The recognised word. */
  readonly text?: string | undefined;
  /** Confidence from 0 to 100. */
  readonly confidence?: number | undefined;
  /** The word's box. */
  readonly bbox?: TesseractBboxLike | undefined;
  /** Character boxes; with a skewed baseline they give a tight rotated polygon. */
  readonly symbols?: readonly TesseractSymbolLike[] | undefined;
}

/** The fields of a Tesseract text line this mapping reads. */
export interface TesseractLineLike {
  /** Words in reading order. */
  readonly words?: readonly TesseractWordLike[] | undefined;
  /** Confidence from 0 to 100. */
  readonly confidence?: number | undefined;
  /** The line's baseline from `(x0, y0)` to `(x1, y1)` in pixels; its slope is the text's skew. */
  readonly baseline?: TesseractBboxLike | undefined;
}

/** The fields of a Tesseract paragraph this mapping reads. */
export interface TesseractParagraphLike {
  /** Lines in reading order. */
  readonly lines?: readonly TesseractLineLike[] | undefined;
}

/** The fields of a Tesseract layout block this mapping reads. */
export interface TesseractLayoutBlockLike {
  /** Paragraphs in reading order. */
  readonly paragraphs?: readonly TesseractParagraphLike[] | undefined;
}

/** The fields of a tesseract.js page result (`recognize(…, { blocks: true })`) this mapping reads. */
export interface TesseractPageLike {
  /** Layout blocks (`null` when tesseract.js found nothing). */
  readonly blocks?: readonly TesseractLayoutBlockLike[] | null | undefined;
}

/** Where the page sits in the document and how large its image is (after the engine's EXIF rotation). */
export interface TesseractPageInfo {
  /** 1-based page number, copied to every block's `Page`. */
  readonly pageNumber: number;
  /** Image width in pixels. */
  readonly widthPx: number;
  /** Image height in pixels. */
  readonly heightPx: number;
}

/** Counts of what the mapping kept and dropped on one page (never text). */
export interface TesseractMappingStats {
  /** LINE blocks produced. */
  readonly lines: number;
  /** WORD blocks produced. */
  readonly words: number;
  /** Words whose text was empty or whitespace only. */
  readonly emptyWords: number;
  /** Words without a usable box (missing, not finite, or zero area after clipping to the image). */
  readonly invalidBoxes: number;
  /** Words whose box reached outside the image and was clipped. */
  readonly clippedBoxes: number;
}

/** The blocks of one page and what was dropped on the way. */
export interface TesseractMappingResult {
  /** PAGE, LINE and WORD blocks of the page. */
  readonly blocks: TextractBlockLike[];
  /** What was produced and what was skipped. */
  readonly stats: TesseractMappingStats;
}

interface PixelBox {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

interface PixelPoint {
  x: number;
  y: number;
}

/** Below this skew (degrees) boxes stay axis-aligned: the baseline's pixel rounding is of the same order. */
const MIN_SKEW_DEG = 0.3;
/** Above this skew (degrees) the baseline is not trusted and boxes stay axis-aligned. */
const MAX_SKEW_DEG = 45;

/**
 * The deterministic block id of a page, line or word: `tesseract-p<page>[-l<line>[-w<word>]]`, 1-based. Lines
 * are numbered in Tesseract's reading order across the page, words within their line.
 *
 * @example
 * ```ts
 * tesseractBlockId(2, 5, 1); // 'tesseract-p2-l5-w1'
 * ```
 */
export function tesseractBlockId(page: number, line?: number, word?: number): string {
  let id = `tesseract-p${page}`;
  if (line !== undefined) id += `-l${line}`;
  if (word !== undefined) id += `-w${word}`;
  return id;
}

/**
 * Maps one Tesseract page to Textract-shaped blocks: one PAGE (full-image geometry, `CHILD` → its LINEs), a
 * LINE per text line that kept at least one word (text = words joined by single spaces, box = union of its
 * words, `CHILD` → its WORDs), and a WORD per word with non-empty text and a usable box (`TextType`
 * `PRINTED`). Boxes are clipped to the image and normalised by its size; confidences are clamped to 0–100.
 *
 * @example
 * ```ts
 * const { blocks, stats } = tesseractToBlocks(result.data, { pageNumber: 1, widthPx: 1275, heightPx: 1650 });
 * ```
 */
export function tesseractToBlocks(page: TesseractPageLike, info: TesseractPageInfo): TesseractMappingResult {
  const { pageNumber, widthPx, heightPx } = info;
  for (const [field, value] of [
    ['widthPx', widthPx],
    ['heightPx', heightPx],
    ['pageNumber', pageNumber],
  ] as const) {
    if (!Number.isInteger(value) || value < 1)
      throw new ValidationError(`info.${field}`, `must be a positive integer, got ${value}`);
  }
  const pageId = tesseractBlockId(pageNumber);
  const lineBlocks: TextractBlockLike[] = [];
  const wordBlocks: TextractBlockLike[] = [];
  const lineIds: string[] = [];
  let emptyWords = 0;
  let invalidBoxes = 0;
  let clippedBoxes = 0;

  for (const line of linesOf(page)) {
    const lineNumber = lineIds.length + 1;
    const skewRad = skewOf(line.baseline);
    const wordIds: string[] = [];
    const texts: string[] = [];
    const confidences: number[] = [];
    const linePoints: PixelPoint[] = [];
    let union: PixelBox | undefined;
    for (const word of line.words ?? []) {
      const text = word.text?.trim() ?? '';
      if (text === '') {
        emptyWords += 1;
        continue;
      }
      const box = usableBox(word.bbox, widthPx, heightPx);
      if (box === undefined) {
        invalidBoxes += 1;
        continue;
      }
      if (box.clipped) clippedBoxes += 1;
      const id = tesseractBlockId(pageNumber, lineNumber, wordIds.length + 1);
      const confidence = clampConfidence(word.confidence);
      wordIds.push(id);
      texts.push(text);
      confidences.push(confidence);
      union = union === undefined ? { ...box.px } : unionOf(union, box.px);
      const points = skewRad === 0 ? [] : inkCorners(word, box.px, widthPx, heightPx);
      linePoints.push(...points);
      wordBlocks.push({
        BlockType: 'WORD',
        Id: id,
        Page: pageNumber,
        Text: text,
        TextType: 'PRINTED',
        Confidence: confidence,
        Geometry: geometryOf(box.px, widthPx, heightPx, skewRad, points),
      });
    }
    if (union === undefined) continue;
    const id = tesseractBlockId(pageNumber, lineNumber);
    lineIds.push(id);
    lineBlocks.push({
      BlockType: 'LINE',
      Id: id,
      Page: pageNumber,
      Text: texts.join(' '),
      Confidence: lineConfidence(line.confidence, confidences),
      Geometry: geometryOf(union, widthPx, heightPx, skewRad, linePoints),
      Relationships: [{ Type: 'CHILD', Ids: wordIds }],
    });
  }

  const pageBlock: TextractBlockLike = {
    BlockType: 'PAGE',
    Id: pageId,
    Page: pageNumber,
    Geometry: geometryOf({ x0: 0, y0: 0, x1: widthPx, y1: heightPx }, widthPx, heightPx),
    Relationships: lineIds.length > 0 ? [{ Type: 'CHILD', Ids: lineIds }] : [],
  };
  return {
    // Textract order: the PAGE first, then each LINE, then the WORDs.
    blocks: [pageBlock, ...lineBlocks, ...wordBlocks],
    stats: { lines: lineBlocks.length, words: wordBlocks.length, emptyWords, invalidBoxes, clippedBoxes },
  };
}

function* linesOf(page: TesseractPageLike): Generator<TesseractLineLike> {
  for (const block of page.blocks ?? []) {
    for (const paragraph of block.paragraphs ?? []) yield* paragraph.lines ?? [];
  }
}

function usableBox(
  bbox: TesseractBboxLike | undefined,
  widthPx: number,
  heightPx: number,
): { px: PixelBox; clipped: boolean } | undefined {
  if (bbox === undefined) return undefined;
  const { x0, y0, x1, y1 } = bbox;
  if (![x0, y0, x1, y1].every(Number.isFinite)) return undefined;
  const px = {
    x0: clamp(Math.min(x0, x1), 0, widthPx),
    y0: clamp(Math.min(y0, y1), 0, heightPx),
    x1: clamp(Math.max(x0, x1), 0, widthPx),
    y1: clamp(Math.max(y0, y1), 0, heightPx),
  };
  if (px.x1 <= px.x0 || px.y1 <= px.y0) return undefined;
  const clipped =
    px.x0 !== Math.min(x0, x1) ||
    px.y0 !== Math.min(y0, y1) ||
    px.x1 !== Math.max(x0, x1) ||
    px.y1 !== Math.max(y0, y1);
  return { px, clipped };
}

function unionOf(a: PixelBox, b: PixelBox): PixelBox {
  return { x0: Math.min(a.x0, b.x0), y0: Math.min(a.y0, b.y0), x1: Math.max(a.x1, b.x1), y1: Math.max(a.y1, b.y1) };
}

/**
 * Textract geometry: `BoundingBox` is the axis-aligned ink box; `Polygon` is the same box when the text is
 * level, or the tightest rectangle along the skewed baseline around `points` (character corners) otherwise.
 */
function geometryOf(
  box: PixelBox,
  widthPx: number,
  heightPx: number,
  skewRad = 0,
  points: readonly PixelPoint[] = [],
): TextractBlockLike['Geometry'] {
  const left = box.x0 / widthPx;
  const top = box.y0 / heightPx;
  const right = box.x1 / widthPx;
  const bottom = box.y1 / heightPx;
  const corners =
    skewRad === 0 || points.length === 0
      ? [
          { x: box.x0, y: box.y0 },
          { x: box.x1, y: box.y0 },
          { x: box.x1, y: box.y1 },
          { x: box.x0, y: box.y1 },
        ]
      : orientedRectangle(points, skewRad);
  return {
    // Width from right − left so that Left + Width never exceeds 1 by more than rounding.
    BoundingBox: { Left: left, Top: top, Width: right - left, Height: bottom - top },
    // Textract order: top-left, top-right, bottom-right, bottom-left (Polygon[0] → [1] runs along the text).
    Polygon: corners.map((p) => ({ X: clamp(p.x / widthPx, 0, 1), Y: clamp(p.y / heightPx, 0, 1) })),
  };
}

/** The text's skew in radians from the baseline's slope (image axes, y down), or 0 when level or implausible. */
function skewOf(baseline: TesseractBboxLike | undefined): number {
  if (baseline === undefined) return 0;
  const dx = baseline.x1 - baseline.x0;
  const dy = baseline.y1 - baseline.y0;
  if (!Number.isFinite(dx) || !Number.isFinite(dy) || dx <= 0) return 0;
  const degrees = Math.abs((Math.atan2(dy, dx) * 180) / Math.PI);
  return degrees < MIN_SKEW_DEG || degrees > MAX_SKEW_DEG ? 0 : Math.atan2(dy, dx);
}

/** Corners of a word's character boxes (clipped to the image), or of the word box when it has none. */
function inkCorners(word: TesseractWordLike, box: PixelBox, widthPx: number, heightPx: number): PixelPoint[] {
  const boxes: PixelBox[] = [];
  for (const symbol of word.symbols ?? []) {
    const usable = usableBox(symbol.bbox, widthPx, heightPx);
    if (usable) boxes.push(usable.px);
  }
  if (boxes.length === 0) boxes.push(box);
  return boxes.flatMap((b) => [
    { x: b.x0, y: b.y0 },
    { x: b.x1, y: b.y0 },
    { x: b.x1, y: b.y1 },
    { x: b.x0, y: b.y1 },
  ]);
}

/** The rectangle aligned with angle `rad` that encloses `points`: top-left, top-right, bottom-right, bottom-left. */
function orientedRectangle(points: readonly PixelPoint[], rad: number): PixelPoint[] {
  const ux = Math.cos(rad);
  const uy = Math.sin(rad);
  let sMin = Number.POSITIVE_INFINITY;
  let sMax = Number.NEGATIVE_INFINITY;
  let tMin = Number.POSITIVE_INFINITY;
  let tMax = Number.NEGATIVE_INFINITY;
  for (const { x, y } of points) {
    const along = x * ux + y * uy;
    const across = -x * uy + y * ux;
    sMin = Math.min(sMin, along);
    sMax = Math.max(sMax, along);
    tMin = Math.min(tMin, across);
    tMax = Math.max(tMax, across);
  }
  const at = (s: number, t: number): PixelPoint => ({ x: s * ux - t * uy, y: s * uy + t * ux });
  return [at(sMin, tMin), at(sMax, tMin), at(sMax, tMax), at(sMin, tMax)];
}

function lineConfidence(reported: number | undefined, words: readonly number[]): number {
  if (reported !== undefined && Number.isFinite(reported)) return clampConfidence(reported);
  return words.reduce((sum, c) => sum + c, 0) / words.length;
}

function clampConfidence(value: number | undefined): number {
  return value !== undefined && Number.isFinite(value) ? clamp(value, 0, 100) : 0;
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
