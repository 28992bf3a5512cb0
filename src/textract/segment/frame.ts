import type { InputLine, InputPage, InputWord } from './input.js';
import { boxCorners } from './input.js';
import type { SegmentBox, SegmentPoint } from './types.js';

/** A box in the reading frame: x grows along the text, y grows down the page. */
export interface FrameBox {
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

/** A word placed in the reading frame. */
export interface FrameWord extends FrameBox {
  text: string;
  handwriting: boolean;
}

/** A line placed in the reading frame. */
export interface FrameLine extends FrameBox {
  line: InputLine;
  words: readonly FrameWord[];
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
  lines: FrameLine[];
  /** Maps a normalised page box into the frame (the box of its four projected corners). */
  projectBox: (box: SegmentBox) => FrameBox;
}

const DEG = Math.PI / 180;

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
  const aspect = page.aspectRatio ?? estimateAspect(page.lines) ?? 1;
  const angleDeg = dominantAngle(page.lines, aspect);
  const cos = Math.cos(-angleDeg * DEG);
  const sin = Math.sin(-angleDeg * DEG);
  const project = (p: SegmentPoint): SegmentPoint => {
    const x = p.x * aspect;
    return { x: x * cos - p.y * sin, y: x * sin + p.y * cos };
  };
  const corners = [project({ x: 0, y: 0 }), project({ x: 1, y: 0 }), project({ x: 1, y: 1 }), project({ x: 0, y: 1 })];
  const extent = boxOf(corners);
  const lines = page.lines.map((line): FrameLine => {
    const box = boxOf(line.polygon.map(project));
    const words = line.words.map((word: InputWord): FrameWord => {
      const w = boxOf(word.polygon.map(project));
      return { ...w, text: word.text, handwriting: word.handwriting };
    });
    const height = Math.max(box.y1 - box.y0, 1e-9);
    const chars = Math.max(line.text.length, 1);
    const rotated = Math.abs(normalise180(lineAngle(line, aspect) - angleDeg)) > 30;
    return { ...box, line, words, height, charWidth: Math.max((box.x1 - box.x0) / chars, 1e-9), rotated };
  });
  return { ...extent, angleDeg, lines, projectBox: (box) => boxOf(boxCorners(box).map(project)) };
}

function boxOf(points: readonly SegmentPoint[]): FrameBox {
  let x0 = Number.POSITIVE_INFINITY;
  let y0 = Number.POSITIVE_INFINITY;
  let x1 = Number.NEGATIVE_INFINITY;
  let y1 = Number.NEGATIVE_INFINITY;
  for (const p of points) {
    x0 = Math.min(x0, p.x);
    x1 = Math.max(x1, p.x);
    y0 = Math.min(y0, p.y);
    y1 = Math.max(y1, p.y);
  }
  return { x0, x1, y0, y1 };
}

/** Width/height of the page from skewed polygons (perpendicular edges in page units), or undefined. */
function estimateAspect(lines: readonly InputLine[]): number | undefined {
  const estimates: number[] = [];
  for (const line of lines) {
    const [p0, p1, , p3] = line.polygon;
    if (!p0 || !p1 || !p3) continue;
    const ax = p1.x - p0.x;
    const ay = p1.y - p0.y;
    const bx = p3.x - p0.x;
    const by = p3.y - p0.y;
    // Axis-aligned edges say nothing about the aspect ratio.
    if (Math.abs(ax * bx) < 1e-7 || Math.abs(ay * by) < 1e-9) continue;
    const square = (-ay * by) / (ax * bx);
    if (square > 0.05 && square < 20) estimates.push(Math.sqrt(square));
  }
  return estimates.length >= 3 ? median(estimates) : undefined;
}

function lineAngle(line: InputLine, aspect: number): number {
  const [p0, p1] = line.polygon;
  if (!p0 || !p1) return 0;
  return Math.atan2(p1.y - p0.y, (p1.x - p0.x) * aspect) / DEG;
}

/** The text direction of the page in degrees: quadrant (0/90/180/270) plus the median residual skew. */
function dominantAngle(lines: readonly InputLine[], aspect: number): number {
  const angles: { angle: number; weight: number }[] = [];
  for (const line of lines) {
    const [p0, p1] = line.polygon;
    if (!p0 || !p1) continue;
    const dx = (p1.x - p0.x) * aspect;
    const dy = p1.y - p0.y;
    const length = Math.hypot(dx, dy);
    if (length === 0) continue;
    angles.push({ angle: Math.atan2(dy, dx) / DEG, weight: length });
  }
  if (angles.length === 0) return 0;
  const quadrantWeights = [0, 0, 0, 0];
  for (const { angle, weight } of angles) {
    const quadrant = (((Math.round(angle / 90) % 4) + 4) % 4) as 0 | 1 | 2 | 3;
    quadrantWeights[quadrant]! += weight;
  }
  const quadrant = quadrantWeights.indexOf(Math.max(...quadrantWeights));
  const residuals = angles
    .map(({ angle }) => normalise180(angle - quadrant * 90))
    .filter((residual) => Math.abs(residual) <= 45);
  const skew = residuals.length > 0 ? median(residuals) : 0;
  // Sub-degree skew is noise from polygon rounding; leave the frame exact.
  return quadrant * 90 + (Math.abs(skew) < 0.5 ? 0 : skew);
}

function normalise180(angle: number): number {
  let a = angle % 360;
  if (a > 180) a -= 360;
  if (a <= -180) a += 360;
  return a;
}

/** Median of a non-empty list (the list is copied). */
export function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
