import type { Box } from '../../geometry/Box.js';
import { dominantTextAngle } from '../../geometry/dominantTextAngle.js';
import { estimateAspectRatio } from '../../geometry/estimateAspectRatio.js';
import { angleDifferenceDeg } from '../../geometry/normalizeAngleDeg.js';
import { boxToPolygon } from '../../geometry/Polygon.js';
import { polygonTextAngleDeg } from '../../geometry/polygonTextAngleDeg.js';
import { createUprightFrame } from '../../geometry/UprightFrame.js';
import { PackedGeometry, type PackedView } from '../model/PackedGeometry.js';
import type { TextractWord } from '../model/TextractPage.js';
import { isMostlyRightToLeft } from './text-cues.js';
import { type InputLine, type InputPage, type InputWord, ModelInputLine } from './toSegmentInput.js';
import type { SegmentBox, SegmentPoint } from './types.js';

/** A box in the reading frame: x grows along the text, y grows down the page. */
export interface FrameBox {
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

/**
 * The same box as a geometry {@link Box}, for the `geometry` primitives.
 *
 * @example
 * ```ts
 * boxDistance(frameBoxToBox(line), frameBoxToBox(block));
 * ```
 */
export function frameBoxToBox(box: FrameBox): Box {
  return { left: box.x0, top: box.y0, width: box.x1 - box.x0, height: box.y1 - box.y0 };
}

/** A line placed in the reading frame. */
export interface FrameLine extends FrameBox {
  line: InputLine;
  /** Box of the word the line starts with (the leftmost in the frame), for the "first word would have fitted" test. */
  firstWord: FrameBox | undefined;
  /** Number of words, and how many of them are handwritten. */
  wordCount: number;
  handwrittenWords: number;
  /** Line height in frame units (text-perpendicular extent). */
  height: number;
  /** Estimated width of one character in frame units. */
  charWidth: number;
  /** True when this line runs at more than 30° to the page's text direction (e.g. a vertical margin note). */
  rotated: boolean;
}

/** A page turned into its reading frame. */
export interface PageFrame {
  /** Page extent in frame units. */
  x0: number;
  x1: number;
  y0: number;
  y1: number;
  /** Text rotation that was undone, in degrees (page units, clockwise positive as on screen). */
  angleDeg: number;
  /** True when x was mirrored because the page is mostly right-to-left script: lines then start at the left. */
  mirrored: boolean;
  lines: FrameLine[];
  /** Maps a normalised page box into the frame (the box of its four projected corners). */
  projectBox: (box: SegmentBox) => FrameBox;
}

/**
 * Turns a page into its reading frame: undoes 90/180/270° rotation and skew measured from LINE polygons,
 * with angles computed in page units. When the page's aspect ratio is unknown and the text is skewed, it is
 * recovered from the polygons themselves (their corners are right angles in page units).
 *
 * @example
 * ```ts
 * const frame = toReadingFrame(input.pages[0]);
 * console.log(frame.angleDeg); // ≈ 10 for a page scanned 10° off
 * ```
 */
export function toReadingFrame(page: InputPage): PageFrame {
  const outlines = page.lines.map(outline);
  const aspect = page.aspectRatio ?? estimateAspectRatio(outlines) ?? 1;
  const angles = outlines.map((polygon) => polygonTextAngleDeg(polygon, aspect));
  const weighted: { angleDeg: number; weight: number }[] = [];
  for (let i = 0; i < angles.length; i++) {
    const angleDeg = angles[i];
    if (angleDeg !== undefined) weighted.push({ angleDeg, weight: Math.max(page.lines[i]!.text.length, 1) });
  }
  const dominant = dominantTextAngle(weighted);
  // Sub-degree skew is noise from polygon rounding; leave the frame exact.
  const angleDeg = Math.abs(dominant.skewDeg) < 0.5 ? dominant.orientationDeg : dominant.angleDeg;
  const upright = createUprightFrame(aspect, 1, angleDeg);
  // Right-to-left text starts at the right edge; mirroring makes indents, "the first word would have fitted"
  // and column order mean the same as in left-to-right text.
  const mirrored = isMostlyRightToLeft(page.lines.map((line) => line.text));
  // toUprightPoint, inlined: this loop touches every polygon vertex of the page.
  const boxOfPolygon = (polygon: readonly SegmentPoint[]): FrameBox => {
    let x0 = Number.POSITIVE_INFINITY;
    let y0 = Number.POSITIVE_INFINITY;
    let x1 = Number.NEGATIVE_INFINITY;
    let y1 = Number.NEGATIVE_INFINITY;
    for (const p of polygon) {
      const px = p.x * aspect;
      let x = px * upright.cos - p.y * upright.sin - upright.offsetX;
      if (mirrored) x = upright.width - x;
      const y = px * upright.sin + p.y * upright.cos - upright.offsetY;
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
    }
    return { x0, x1, y0, y1 };
  };
  // The frame x of a polygon's leftmost vertex, computed as boxOfPolygon does (same arithmetic, same result).
  const leftOfPolygon = (polygon: readonly SegmentPoint[]): number => {
    let x0 = Number.POSITIVE_INFINITY;
    for (let k = 0; k < polygon.length; k++) {
      const p = polygon[k] as SegmentPoint;
      const px = p.x * aspect;
      let x = px * upright.cos - p.y * upright.sin - upright.offsetX;
      if (mirrored) x = upright.width - x;
      if (x < x0) x0 = x;
    }
    return x0;
  };
  const frameX = (x: number, y: number): number => {
    const fx = x * aspect * upright.cos - y * upright.sin - upright.offsetX;
    return mirrored ? upright.width - fx : fx;
  };
  // Packed model geometry, read in place: the same vertices (the box's corners when there is no polygon) and the
  // same arithmetic as leftOfPolygon(outline(word)), without building the word's polygon.
  const view: PackedView = { data: EMPTY, at: 0, points: 0 };
  const packedLeft = (): number => {
    const d = view.data;
    const at = view.at;
    let x0 = Number.POSITIVE_INFINITY;
    if (view.points >= 3) {
      for (let k = 0, i = at + 4; k < view.points; k++, i += 2) {
        const x = frameX(d[i] as number, d[i + 1] as number);
        if (x < x0) x0 = x;
      }
      return x0;
    }
    const left = d[at] as number;
    const top = d[at + 1] as number;
    const right = left + (d[at + 2] as number);
    const bottom = top + (d[at + 3] as number);
    const a = frameX(left, top);
    const b = frameX(right, top);
    const c = frameX(right, bottom);
    const e = frameX(left, bottom);
    if (a < x0) x0 = a;
    if (b < x0) x0 = b;
    if (c < x0) x0 = c;
    if (e < x0) x0 = e;
    return x0;
  };
  // boxOfPolygon(outline(geometry)) of the packed geometry in `view`: same vertices, same order, same arithmetic.
  const packedBox = (): FrameBox => {
    const d = view.data;
    const at = view.at;
    let x0 = Number.POSITIVE_INFINITY;
    let y0 = Number.POSITIVE_INFINITY;
    let x1 = Number.NEGATIVE_INFINITY;
    let y1 = Number.NEGATIVE_INFINITY;
    const n = view.points >= 3 ? view.points : 4;
    const right = (d[at] as number) + (d[at + 2] as number);
    const bottom = (d[at + 1] as number) + (d[at + 3] as number);
    for (let k = 0; k < n; k++) {
      let px: number;
      let py: number;
      if (view.points >= 3) {
        px = d[at + 4 + 2 * k] as number;
        py = d[at + 5 + 2 * k] as number;
      } else {
        px = k === 0 || k === 3 ? (d[at] as number) : right;
        py = k === 0 || k === 1 ? (d[at + 1] as number) : bottom;
      }
      const x = frameX(px, py);
      const y = px * aspect * upright.sin + py * upright.cos - upright.offsetY;
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
    }
    return { x0, x1, y0, y1 };
  };
  const lines = page.lines.map((line, i): FrameLine => {
    const box = boxOfPolygon(outlines[i]!);
    // By position, not by word order: the order of WORD children is not guaranteed (nor the same for RTL).
    // Only the leftmost word's box is kept: find it by its left edge first, then build that one box.
    let firstX0 = Number.POSITIVE_INFINITY;
    let handwrittenWords = 0;
    let wordCount: number;
    let firstWord: FrameBox | undefined;
    if (line instanceof ModelInputLine) {
      // Model words: their packed geometry read in place, no InputWord objects.
      const words = line.modelWords;
      wordCount = words.length;
      let first: TextractWord | undefined;
      for (let w = 0; w < words.length; w++) {
        const word = words[w] as TextractWord;
        if (word.textType === 'HANDWRITING') handwrittenWords++;
        const x0 = PackedGeometry.view(word.geometry, view) ? packedLeft() : leftOfPolygon(outline(word.geometry));
        if (first === undefined || x0 < firstX0) {
          first = word;
          firstX0 = x0;
        }
      }
      if (first !== undefined) {
        firstWord = PackedGeometry.view(first.geometry, view) ? packedBox() : boxOfPolygon(outline(first.geometry));
      }
    } else {
      const words = line.words;
      wordCount = words.length;
      let first: InputWord | undefined;
      for (let w = 0; w < words.length; w++) {
        const word = words[w] as InputWord;
        if (word.handwriting) handwrittenWords++;
        const x0 = leftOfPolygon(outline(word));
        if (first === undefined || x0 < firstX0) {
          first = word;
          firstX0 = x0;
        }
      }
      firstWord = first === undefined ? undefined : boxOfPolygon(outline(first));
    }
    const height = Math.max(box.y1 - box.y0, 1e-9);
    const chars = Math.max(line.text.length, 1);
    const own = angles[i];
    const rotated = own !== undefined && Math.abs(angleDifferenceDeg(own, angleDeg)) > 30;
    return {
      x0: box.x0,
      x1: box.x1,
      y0: box.y0,
      y1: box.y1,
      line,
      firstWord,
      wordCount,
      handwrittenWords,
      height,
      charWidth: Math.max((box.x1 - box.x0) / chars, 1e-9),
      rotated,
    };
  });
  return {
    x0: 0,
    x1: upright.width,
    y0: 0,
    y1: upright.height,
    angleDeg,
    mirrored,
    lines,
    projectBox: (box) => boxOfPolygon(boxToPolygon(box)),
  };
}

const EMPTY = new Float64Array(0);

/** The polygon, or the box's corners when the polygon has fewer than three finite vertices (prepared input). */
function outline(item: { polygon: readonly SegmentPoint[]; bbox: SegmentBox }): readonly SegmentPoint[] {
  const { polygon } = item;
  if (polygon.length < 3) return boxToPolygon(item.bbox);
  for (let i = 0; i < polygon.length; i++) {
    const p = polygon[i] as SegmentPoint;
    if (!Number.isFinite(p.x) || !Number.isFinite(p.y)) return boxToPolygon(item.bbox);
  }
  return polygon;
}
