/**
 * The text-layer geometry (pure): from OCR lines and words in normalised page coordinates to baselines, font
 * sizes and per-word widths in page points. One font size and one baseline per line, derived from the line's
 * polygon; words placed along that baseline at their own OCR extents; a minimum gap between words so that
 * extractors that split words on gap width (poppler `-raw`, pdf.js) keep them apart.
 *
 * @module
 */
import { boxToPolygon } from '../geometry/Polygon.js';
import { graphemeClusters } from './CidAllocator.js';
import { GLYPHLESS_ADVANCE, GLYPHLESS_UNITS_PER_EM } from './GlyphlessFont.js';
import { chooseLineBoxProfile, DEFAULT_TARGET_GAP_EM, type LineBoxProfile } from './lineBoxProfiles.js';
import type { NormalisedBox, NormalisedPoint, OcrPageText, OcrWordText } from './OcrPageText.js';

/** Options of {@link layoutTextLayer}. */
export interface TextLayerLayoutOptions {
  /** Smallest gap between two words, as a fraction of the font size (the word is narrowed to make room). */
  minWordGapEm?: number | undefined;
  /** The median word gap, in em, that the per-line font variant aims for (see `lineBoxProfiles`). */
  targetWordGapEm?: number | undefined;
  /**
   * Smallest em height (declared ascent − descent) a line's font variant may have. On pages that already show
   * text the builder raises it to 2, so the layer's font sizes stay far from the original text's: poppler merges
   * overlapping characters of equal size into one word.
   */
  minLineBoxEmHeight?: number | undefined;
  /** Line angles within this many degrees of 0/90/180/270 are snapped to it (and the AABB is used). */
  flattenAngleDeg?: number | undefined;
  /** Unicode normalisation applied to word text. */
  normalization?: 'NFC' | 'NFKC' | undefined;
  /** A line is dropped when its length is below this fraction of the width its text needs at its font size. */
  minAspectRatio?: number | undefined;
  /**
   * How skewed lines (not within `flattenAngleDeg` of a multiple of 90°) are written. `staircase` (default) sets
   * each word upright in the nearest 90° frame at its place on the skewed baseline: poppler starts a new word
   * whenever the baseline moves by more than half a point between two characters, so truly rotated glyphs are
   * split into single characters there. `rotate` rotates the whole line (exact for pdf.js and Acrobat).
   */
  skewMode?: 'staircase' | 'rotate' | undefined;
}

/** {@link TextLayerLayoutOptions} with every default filled in. */
export type ResolvedLayoutOptions = {
  readonly [K in keyof TextLayerLayoutOptions]-?: Exclude<TextLayerLayoutOptions[K], undefined>;
};

/** Defaults of {@link TextLayerLayoutOptions}. */
export const DEFAULT_TEXT_LAYER_LAYOUT_OPTIONS: ResolvedLayoutOptions = Object.freeze({
  minWordGapEm: 0.17,
  targetWordGapEm: DEFAULT_TARGET_GAP_EM,
  minLineBoxEmHeight: 0,
  flattenAngleDeg: 0.5,
  normalization: 'NFC',
  minAspectRatio: 0.1,
  skewMode: 'staircase',
});

/** A word ready to be written: its clusters and its extent along the line's baseline. */
export interface PlacedWord {
  /** The word's grapheme clusters (one glyph each), normalised, in visual order (see {@link visualOrder}). */
  readonly clusters: readonly string[];
  /** Start of the word along the baseline, from the line origin, in points. */
  readonly offsetPt: number;
  /** Width the word's glyphs are scaled to (the OCR width, narrowed for the minimum gap). */
  readonly widthPt: number;
  /** The OCR width, before narrowing (drawn in debug mode). */
  readonly ocrWidthPt: number;
  /** Width of the space glyph after the word (the minimum gap after a line's last word), or 0 between CJK words. */
  readonly spaceWidthPt: number;
  /** Baseline offset of the word from the line's origin, perpendicular to the baseline (staircase skew). */
  readonly risePt: number;
}

/** A line ready to be written. Coordinates are page points, origin bottom-left of the displayed page, y up. */
export interface PlacedLine {
  /** Baseline start. */
  readonly originXPt: number;
  /** Baseline start, y (points, up). */
  readonly originYPt: number;
  /** Direction of the baseline (unit vector). */
  readonly cos: number;
  /** Direction of the baseline (unit vector), y component. */
  readonly sin: number;
  /** One font size for the whole line, from the line polygon's height. */
  readonly fontSizePt: number;
  /** The font variant whose declared ascent and descent make the word boxes match this line's height. */
  readonly profile: LineBoxProfile;
  /** Length of the line along the baseline. */
  readonly lengthPt: number;
  /** The line's words in reading order. */
  readonly words: readonly PlacedWord[];
}

/** Why words or lines were left out of the text layer. */
export type DropReason = 'empty-text' | 'zero-size' | 'non-finite' | 'off-page' | 'implausible-aspect';

/** The result of {@link layoutTextLayer}. */
export interface TextLayerLayout {
  /** Lines ready to write, in OCR order. */
  readonly lines: readonly PlacedLine[];
  /** Words placed. */
  readonly wordCount: number;
  /** Dropped words (a dropped line counts all its words) by reason. */
  readonly droppedWords: Readonly<Partial<Record<DropReason, number>>>;
}

const ADVANCE_EM = GLYPHLESS_ADVANCE / GLYPHLESS_UNITS_PER_EM;
/** How far outside the page (normalised) a box may reach before it is treated as garbage. */
const PAGE_SLACK = 0.05;
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;
const CONTROL = /[\p{Cc}]/gu;

/** Printable ASCII: every character is its own cluster and normalisation changes nothing (the common case). */
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/** Scripts written right to left (Unicode bidi classes R and AL). */
const RTL =
  /[\p{Script=Hebrew}\p{Script=Arabic}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}\p{Script=Samaritan}\p{Script=Mandaic}\p{Script=Adlam}\p{Script=Hanifi_Rohingya}\p{Script=Yezidi}]/u;
/** Clusters that keep left-to-right order inside a right-to-left word: digits and letters of LTR scripts. */
const LEFT_TO_RIGHT = /^[\p{Nd}\p{L}]/u;
/** Separators that stay inside a number (`1,000.50`, `12:30`, `3/4`). */
const NUMBER_SEPARATOR = /^[.,:/]$/;

function clustersOf(text: string, normalization: 'NFC' | 'NFKC'): string[] {
  if (PRINTABLE_ASCII.test(text)) return [...text.trim()];
  return graphemeClusters(text.normalize(normalization).replace(CONTROL, ' ').trim());
}

/**
 * The clusters of a word in the order they appear on the page, left to right. A word with right-to-left letters
 * is drawn in visual order (its RTL clusters reversed, runs of digits and LTR letters kept as they are), as RTL
 * text in any PDF is: poppler and pdf.js then apply the Unicode bidi algorithm to what they read by position
 * and get the logical order back, so a search for the OCR's word finds it. Written in logical order instead,
 * the word comes back reversed. Extractors reverse code point by code point, so the code points of an RTL
 * cluster (a letter and its marks) are stored reversed too; brackets need no mirroring (the extractors do it).
 *
 * @example
 * ```ts
 * visualOrder(['ש', 'ל', 'ו', 'ם']); // ['ם', 'ו', 'ל', 'ש']
 * visualOrder(['ع', 'ا', 'م', '2', '0', '2', '4']); // ['2', '0', '2', '4', 'م', 'ا', 'ع']
 * ```
 */
export function visualOrder(clusters: readonly string[]): readonly string[] {
  if (!clusters.some((c) => RTL.test(c))) return clusters;
  const ltr = clusters.map((c) => LEFT_TO_RIGHT.test(c) && !RTL.test(c));
  for (let i = 1; i + 1 < clusters.length; i++) {
    if (!ltr[i] && NUMBER_SEPARATOR.test(clusters[i] ?? '') && ltr[i - 1] && ltr[i + 1]) ltr[i] = true;
  }
  const units: string[][] = [];
  for (let i = 0; i < clusters.length; i++) {
    const cluster = clusters[i] ?? '';
    const last = units[units.length - 1];
    if (ltr[i] && i > 0 && ltr[i - 1] && last) last.push(cluster);
    // Extractors reverse RTL text code point by code point, so a base letter and its marks are stored reversed.
    else units.push([ltr[i] ? cluster : [...cluster].reverse().join('')]);
  }
  return units.reverse().flat();
}

interface Frame {
  readonly cos: number;
  readonly sin: number;
  readonly snapped: boolean;
}

function finite(points: readonly NormalisedPoint[]): boolean {
  return points.every((p) => Number.isFinite(p.x) && Number.isFinite(p.y));
}

/**
 * The baseline direction of a line in points (y up), snapped to a multiple of 90° when within `flattenAngleDeg`.
 *
 * @example
 * ```ts
 * lineFrame(polygon, 612, 792, 0.5); // { cos: 1, sin: 0, snapped: true } for a level line
 * ```
 */
export function lineFrame(
  polygon: readonly NormalisedPoint[] | undefined,
  widthPt: number,
  heightPt: number,
  flattenAngleDeg: number,
): Frame {
  if (polygon?.length !== 4 || !finite(polygon)) return { cos: 1, sin: 0, snapped: true };
  const [p0, p1, p2, p3] = polygon as [NormalisedPoint, NormalisedPoint, NormalisedPoint, NormalisedPoint];
  const dx = (p1.x - p0.x + p2.x - p3.x) * widthPt;
  const dy = -(p1.y - p0.y + p2.y - p3.y) * heightPt;
  if (dx === 0 && dy === 0) return { cos: 1, sin: 0, snapped: true };
  const angleDeg = (Math.atan2(dy, dx) * 180) / Math.PI;
  const quarter = Math.round(angleDeg / 90);
  if (Math.abs(angleDeg - quarter * 90) < flattenAngleDeg) {
    const k = ((quarter % 4) + 4) % 4;
    return { cos: [1, 0, -1, 0][k] ?? 1, sin: [0, 1, 0, -1][k] ?? 0, snapped: true };
  }
  const length = Math.hypot(dx, dy);
  return { cos: dx / length, sin: dy / length, snapped: false };
}

/** Projects normalised points onto the frame's baseline (u) and up (n) axes, in points. */
function extent(
  points: readonly NormalisedPoint[],
  frame: Frame,
  widthPt: number,
  heightPt: number,
): { u0: number; u1: number; n0: number; n1: number } {
  let u0 = Number.POSITIVE_INFINITY;
  let u1 = Number.NEGATIVE_INFINITY;
  let n0 = Number.POSITIVE_INFINITY;
  let n1 = Number.NEGATIVE_INFINITY;
  for (const p of points) {
    const x = p.x * widthPt;
    const y = (1 - p.y) * heightPt;
    const u = x * frame.cos + y * frame.sin;
    const n = -x * frame.sin + y * frame.cos;
    u0 = Math.min(u0, u);
    u1 = Math.max(u1, u);
    n0 = Math.min(n0, n);
    n1 = Math.max(n1, n);
  }
  return { u0, u1, n0, n1 };
}

/** The multiple of 90° nearest to a frame's direction. */
function quarterFrame(frame: Frame): Frame {
  const k = ((Math.round(Math.atan2(frame.sin, frame.cos) / (Math.PI / 2)) % 4) + 4) % 4;
  return { cos: [1, 0, -1, 0][k] ?? 1, sin: [0, 1, 0, -1][k] ?? 0, snapped: true };
}

/** {@link extent} of an axis-aligned box in a right-angle frame, without allocating corner points. */
function boxExtent(
  box: NormalisedBox,
  frame: Frame,
  widthPt: number,
  heightPt: number,
): { u0: number; u1: number; n0: number; n1: number } {
  const xa = box.left * widthPt;
  const xb = (box.left + box.width) * widthPt;
  const ya = (1 - box.top) * heightPt;
  const yb = (1 - box.top - box.height) * heightPt;
  const { cos, sin } = frame;
  const ua = Math.min(xa * cos, xb * cos) + Math.min(ya * sin, yb * sin);
  const ub = Math.max(xa * cos, xb * cos) + Math.max(ya * sin, yb * sin);
  const na = Math.min(-xa * sin, -xb * sin) + Math.min(ya * cos, yb * cos);
  const nb = Math.max(-xa * sin, -xb * sin) + Math.max(ya * cos, yb * cos);
  return { u0: ua, u1: ub, n0: na, n1: nb };
}

function offPage(box: NormalisedBox): boolean {
  return (
    box.left + box.width < -PAGE_SLACK ||
    box.top + box.height < -PAGE_SLACK ||
    box.left > 1 + PAGE_SLACK ||
    box.top > 1 + PAGE_SLACK
  );
}

function wordPoints(word: OcrWordText, frame: Frame): readonly NormalisedPoint[] {
  return frame.snapped || !word.polygon || !finite(word.polygon) ? boxToPolygon(word.box) : word.polygon;
}

/**
 * Lays out one page's text layer.
 *
 * @example
 * ```ts
 * const layout = layoutTextLayer(page, { widthPt: 612, heightPt: 792 });
 * layout.lines[0]?.fontSizePt; // half the line's height in points
 * ```
 */
export function layoutTextLayer(
  page: OcrPageText,
  size: { widthPt: number; heightPt: number },
  options: TextLayerLayoutOptions = {},
): TextLayerLayout {
  const opts: ResolvedLayoutOptions = { ...DEFAULT_TEXT_LAYER_LAYOUT_OPTIONS };
  for (const [key, value] of Object.entries(options)) if (value !== undefined) Object.assign(opts, { [key]: value });
  const { widthPt, heightPt } = size;
  const dropped: Partial<Record<DropReason, number>> = {};
  const drop = (reason: DropReason, count = 1): void => {
    if (count > 0) dropped[reason] = (dropped[reason] ?? 0) + count;
  };
  const lines: PlacedLine[] = [];
  let wordCount = 0;
  for (const line of page.lines) {
    const frame = lineFrame(line.polygon, widthPt, heightPt, opts.flattenAngleDeg);
    const linePoints = frame.snapped || !line.polygon ? boxToPolygon(line.box) : line.polygon;
    if (!finite(linePoints)) {
      drop('non-finite', line.words.length);
      continue;
    }
    const lineExtent = extent(linePoints, frame, widthPt, heightPt);
    const lineHeightPt = lineExtent.n1 - lineExtent.n0;
    if (!(lineHeightPt > 0) || !(lineExtent.u1 - lineExtent.u0 > 0)) {
      drop('zero-size', line.words.length);
      continue;
    }
    const staircase = !frame.snapped && opts.skewMode === 'staircase';
    const place = staircase ? quarterFrame(frame) : frame;
    const placeExtent = staircase ? extent(linePoints, place, widthPt, heightPt) : lineExtent;
    const candidates: { clusters: readonly string[]; u0: number; u1: number; centreN: number }[] = [];
    for (const word of line.words) {
      const clusters = clustersOf(word.text, opts.normalization);
      if (clusters.length === 0) {
        drop('empty-text');
        continue;
      }
      const points = place.snapped ? undefined : wordPoints(word, place);
      const { left, top, width, height } = word.box;
      if (
        !(Number.isFinite(left) && Number.isFinite(top) && Number.isFinite(width) && Number.isFinite(height)) ||
        (points && !finite(points))
      ) {
        drop('non-finite');
        continue;
      }
      if (!(word.box.width > 0) || !(word.box.height > 0)) {
        drop('zero-size');
        continue;
      }
      if (offPage(word.box)) {
        drop('off-page');
        continue;
      }
      const e = points ? extent(points, place, widthPt, heightPt) : boxExtent(word.box, place, widthPt, heightPt);
      if (!(e.u1 - e.u0 > 0)) {
        drop('zero-size');
        continue;
      }
      candidates.push({ clusters: visualOrder(clusters), u0: e.u0, u1: e.u1, centreN: (e.n0 + e.n1) / 2 });
    }
    if (candidates.length === 0) continue;
    candidates.sort((a, b) => a.u0 - b.u0);
    const gaps = candidates.slice(1).map((c, i) => c.u0 - (candidates[i]?.u1 ?? c.u0));
    const profile = chooseLineBoxProfile(lineHeightPt, gaps, opts.targetWordGapEm, opts.minLineBoxEmHeight);
    const fontSizePt = lineHeightPt / profile.emHeight;
    const descentPt = (-profile.descentUnits / GLYPHLESS_UNITS_PER_EM) * fontSizePt;
    const centrePt = ((profile.ascentUnits + profile.descentUnits) / 2 / GLYPHLESS_UNITS_PER_EM) * fontSizePt;
    const baselineOf = (c: { centreN: number }): number =>
      staircase ? c.centreN - centrePt : lineExtent.n0 + descentPt;
    const lineStart = Math.min(placeExtent.u0, candidates[0]?.u0 ?? placeExtent.u0);
    const lineEnd = Math.max(placeExtent.u1, ...candidates.map((c) => c.u1));
    const baselineN = candidates[0] ? baselineOf(candidates[0]) : 0;
    const clusterCount = candidates.reduce((n, c) => n + c.clusters.length + 1, -1);
    if (lineEnd - lineStart < opts.minAspectRatio * clusterCount * ADVANCE_EM * fontSizePt) {
      drop('implausible-aspect', candidates.length);
      continue;
    }
    const minGapPt = opts.minWordGapEm * fontSizePt;
    const words: PlacedWord[] = candidates.map((word, i) => {
      const next = candidates[i + 1];
      const ocrWidthPt = word.u1 - word.u0;
      let end = word.u1;
      if (next && next.u0 - end < minGapPt) end = Math.max(word.u0 + 0.3 * ocrWidthPt, next.u0 - minGapPt);
      const lastChar = word.clusters[word.clusters.length - 1] ?? '';
      const nextFirst = next?.clusters[0] ?? '';
      // The last word gets a space too: pdf.js glues the next line's first word onto it when the two lines
      // touch on one baseline (e.g. a label and a value Textract split into two LINEs).
      const noSpace = next ? CJK.test(lastChar) && CJK.test(nextFirst) : CJK.test(lastChar);
      return {
        clusters: word.clusters,
        offsetPt: word.u0 - lineStart,
        widthPt: end - word.u0,
        ocrWidthPt,
        spaceWidthPt: noSpace ? 0 : next ? Math.max(next.u0 - end, 0.01 * fontSizePt) : minGapPt,
        risePt: baselineOf(word) - baselineN,
      };
    });
    lines.push({
      originXPt: lineStart * place.cos - baselineN * place.sin,
      originYPt: lineStart * place.sin + baselineN * place.cos,
      cos: place.cos,
      sin: place.sin,
      fontSizePt,
      profile,
      lengthPt: lineEnd - lineStart,
      words,
    });
    wordCount += words.length;
  }
  return { lines, wordCount, droppedWords: dropped };
}
