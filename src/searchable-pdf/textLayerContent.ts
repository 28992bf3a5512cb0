/**
 * Writes a laid-out text layer as PDF content-stream operators (pure): one `BT … ET` per line with its own
 * `Tm` (rotation and skew live there), render mode 3 (invisible), per-word `Tz` so each word spans its OCR box,
 * an explicit space glyph stretched over each gap, and `Td` between word starts. Debug mode draws the boxes
 * and baselines visibly instead of hiding nothing.
 *
 * @module
 */
import type { CidAllocator } from './CidAllocator.js';
import { GLYPHLESS_ADVANCE, GLYPHLESS_UNITS_PER_EM } from './GlyphlessFont.js';
import type { PlacedLine } from './layoutTextLayer.js';

const ADVANCE_EM = GLYPHLESS_ADVANCE / GLYPHLESS_UNITS_PER_EM;
/** Largest magnitude written; anything beyond is nonsense geometry that must not turn into `1e+30`. */
const MAX_PDF_NUMBER = 1e15;
/** Smallest horizontal scale written, so a degenerate width never becomes `0 Tz`. */
const MIN_TZ = 0.01;

/**
 * Formats a number for a content stream: `decimals` places at most (0.001 pt keeps gaps exact even on tiny
 * pages whose font sizes are about 1 pt), no exponent, no negative zero.
 *
 * @example
 * ```ts
 * pdfNumber(1 / 3); // '0.333'
 * pdfNumber(Math.SQRT1_2, 4); // '0.7071'
 * ```
 */
export function pdfNumber(value: number, decimals = 3): string {
  const scale = 10 ** decimals;
  const rounded = Math.round(value * scale) / scale;
  if (rounded === 0 || !Number.isFinite(rounded)) return '0';
  // String() is exact for k / 10^d and fast; clamping keeps it clear of exponent notation.
  return String(Math.max(-MAX_PDF_NUMBER, Math.min(MAX_PDF_NUMBER, rounded)));
}

/** Options of {@link textLayerContent}. */
export interface TextLayerContentOptions {
  /** Also draw OCR boxes (green), fitted words (blue) and baselines (red), visibly. */
  debug?: boolean | undefined;
}

/**
 * Builds the content stream of one page's text layer. Returns `undefined` when the font's CID space ran out.
 *
 * @example
 * ```ts
 * const ops = textLayerContent(layout.lines, cids); // 'BT\n3 Tr\n/AwsMlKitGlyphless 6 Tf …'
 * ```
 */
export function textLayerContent(
  lines: readonly PlacedLine[],
  cids: CidAllocator,
  options: TextLayerContentOptions = {},
): string | undefined {
  const space = cids.encode([' ']);
  if (space === undefined) return undefined;
  const out: string[] = [];
  for (const line of lines) {
    const n = pdfNumber;
    out.push(
      'BT',
      '3 Tr',
      `/${line.profile.resourceName} ${n(line.fontSizePt)} Tf`,
      `${n(line.cos, 4)} ${n(line.sin, 4)} ${n(-line.sin, 4)} ${n(line.cos, 4)} ${n(line.originXPt)} ${n(line.originYPt)} Tm`,
    );
    const em = ADVANCE_EM * line.fontSizePt;
    let previousOffset = 0;
    let previousRise = 0;
    for (const word of line.words) {
      const hex = cids.encode(word.clusters);
      if (hex === undefined) return undefined;
      if (word.offsetPt !== previousOffset || word.risePt !== previousRise) {
        out.push(`${n(word.offsetPt - previousOffset)} ${n(word.risePt - previousRise)} Td`);
      }
      previousOffset = word.offsetPt;
      previousRise = word.risePt;
      const tz = Math.max(MIN_TZ, (100 * word.widthPt) / (word.clusters.length * em));
      out.push(`${n(tz)} Tz <${hex}> Tj`);
      if (word.spaceWidthPt > 0) out.push(`${n(Math.max(MIN_TZ, (100 * word.spaceWidthPt) / em))} Tz <${space}> Tj`);
    }
    out.push('ET');
  }
  if (options.debug) out.push(debugDrawing(lines));
  return `${out.join('\n')}\n`;
}

function debugDrawing(lines: readonly PlacedLine[]): string {
  const n = pdfNumber;
  const out: string[] = ['q'];
  for (const line of lines) {
    const size = line.fontSizePt;
    const bottom = (line.profile.descentUnits / GLYPHLESS_UNITS_PER_EM) * size;
    const height = line.profile.emHeight * size;
    out.push(
      'q',
      `${n(line.cos, 4)} ${n(line.sin, 4)} ${n(-line.sin, 4)} ${n(line.cos, 4)} ${n(line.originXPt)} ${n(line.originYPt)} cm`,
      `${n(Math.max(0.25, size * 0.04))} w`,
      '0 0.6 0 RG',
    );
    for (const word of line.words) {
      out.push(`${n(word.offsetPt)} ${n(word.risePt + bottom)} ${n(word.ocrWidthPt)} ${n(height)} re S`);
    }
    out.push('0 0 1 RG');
    for (const word of line.words) {
      const y = n(word.risePt + bottom * 0.5);
      out.push(`${n(word.offsetPt)} ${y} m ${n(word.offsetPt + word.widthPt)} ${y} l S`);
    }
    out.push('1 0 0 RG');
    for (const word of line.words) {
      const y = n(word.risePt);
      out.push(`${n(word.offsetPt)} ${y} m ${n(word.offsetPt + word.ocrWidthPt)} ${y} l S`);
    }
    out.push('Q');
  }
  out.push('Q');
  return out.join('\n');
}
