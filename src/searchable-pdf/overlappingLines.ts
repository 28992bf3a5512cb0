/**
 * Text-layer lines that overlap on one baseline (a handwritten word across a printed label, a value Textract
 * split from its label, two columns that touch). Extractors read such pairs as one run and glue words:
 * - pdf.js compares each glyph with the previous one in drawing order; a line that starts left of the previous
 *   line's end on about the same baseline closes the text item without a space (`AuthorizedSIGNATURE`);
 * - poppler's layout mode orders the words of a text line by x and puts no space between words that overlap
 *   (`datecity`).
 * {@link separateOverlappingLines} narrows the words of the left line that reach into the right one (as words
 * within a line are narrowed for the minimum gap), and {@link drawingOrder} never draws two such lines one
 * right after the other, so pdf.js sees a line change between them. Geometry is otherwise untouched.
 *
 * @module
 */
import type { PlacedLine, PlacedWord } from './layoutTextLayer.js';

/** Lines whose heights differ by more than this factor are not narrowed (extractors keep them apart). */
const SIMILAR_HEIGHT_RATIO = 1.5;
/** A word is never narrowed below this share of its OCR width. */
const MIN_WIDTH_SHARE = 0.3;

interface Span {
  /** Start and end along the baseline direction, page points. */
  readonly u0: number;
  readonly u1: number;
  /** Baseline position across the direction. */
  readonly n: number;
  /** Line box height, points. */
  readonly height: number;
}

function sameDirection(a: PlacedLine, b: PlacedLine): boolean {
  return Math.abs(a.cos - b.cos) < 1e-6 && Math.abs(a.sin - b.sin) < 1e-6;
}

/** The extent of `line` in the frame of `frame` (a line of the same direction). */
function span(line: PlacedLine, frame: PlacedLine): Span {
  const u = line.originXPt * frame.cos + line.originYPt * frame.sin;
  const n = -line.originXPt * frame.sin + line.originYPt * frame.cos;
  const first = line.words[0];
  const last = line.words[line.words.length - 1];
  return {
    u0: u + (first?.offsetPt ?? 0),
    u1: u + (last ? last.offsetPt + last.widthPt : line.lengthPt),
    n,
    height: line.fontSizePt * line.profile.emHeight,
  };
}

/** Baselines close enough for extractors to put the two lines on one text line. */
function oneBaseline(a: Span, b: Span): boolean {
  return Math.abs(a.n - b.n) < 0.5 * Math.max(a.height, b.height);
}

/**
 * Whether drawing `next` right after `previous` makes pdf.js glue the two: same direction, about the same
 * baseline, and `next` starting left of the end of `previous` (its overlap tolerance is 0.2 em).
 *
 * @example
 * ```ts
 * gluesAfter(labelLine, valueLineStartingInsideTheLabel); // true
 * ```
 */
export function gluesAfter(previous: PlacedLine, next: PlacedLine): boolean {
  if (!sameDirection(previous, next)) return false;
  const a = span(previous, previous);
  const b = span(next, previous);
  return oneBaseline(a, b) && b.u0 < a.u1 - 0.1 * Math.min(previous.fontSizePt, next.fontSizePt);
}

/**
 * The order to draw `lines` in: OCR order, except that a line which would glue onto the line drawn before it
 * (see {@link gluesAfter}) waits until a line on another baseline has been drawn. Lines that cannot be
 * separated (every remaining line glues) keep OCR order.
 *
 * @example
 * ```ts
 * drawingOrder([label, valueOverlappingLabel, nextRow]); // [label, nextRow, valueOverlappingLabel]
 * ```
 */
export function drawingOrder(lines: readonly PlacedLine[]): PlacedLine[] {
  const out: PlacedLine[] = [];
  const waiting: PlacedLine[] = [];
  const fits = (line: PlacedLine): boolean => {
    const previous = out[out.length - 1];
    return previous === undefined || !gluesAfter(previous, line);
  };
  const flushWaiting = (): void => {
    for (let moved = true; moved && waiting.length > 0; ) {
      moved = false;
      for (let i = 0; i < waiting.length; i++) {
        const line = waiting[i] as PlacedLine;
        if (fits(line)) {
          out.push(line);
          waiting.splice(i, 1);
          moved = true;
          break;
        }
      }
    }
  };
  for (const line of lines) {
    flushWaiting();
    if (fits(line)) out.push(line);
    else waiting.push(line);
  }
  flushWaiting();
  // What is left glues wherever it goes at the end: put each where it separates, else append it.
  for (const line of waiting) {
    const at = out.findIndex(
      (_, i) => (i === 0 || !gluesAfter(out[i - 1] as PlacedLine, line)) && !gluesAfter(line, out[i] as PlacedLine),
    );
    if (at >= 0) out.splice(at, 0, line);
    else out.push(line);
  }
  return out;
}

/**
 * Narrows the words of each line that reach into a later-starting line of about the same height on the same
 * baseline, so that they end a minimum gap before it (never below 30 % of their OCR width), as words within one
 * line are narrowed. Returns new line objects where something changed; other lines are returned as they are.
 *
 * @example
 * ```ts
 * separateOverlappingLines(layout.lines, 0.17); // the label's last word now ends before the value starts
 * ```
 */
export function separateOverlappingLines(lines: readonly PlacedLine[], minWordGapEm: number): PlacedLine[] {
  const out = [...lines];
  // Sort candidates by direction and baseline so that only neighbours within one band are compared.
  const keyed = out.map((line, index) => ({ index, n: -line.originXPt * line.sin + line.originYPt * line.cos }));
  keyed.sort((a, b) => a.n - b.n);
  for (let i = 0; i < keyed.length; i++) {
    const left = out[(keyed[i] as { index: number }).index] as PlacedLine;
    const leftSpan = span(left, left);
    for (let j = i + 1; j < keyed.length; j++) {
      const entry = keyed[j] as { index: number; n: number };
      if (entry.n - (keyed[i] as { n: number }).n > 2 * leftSpan.height) break;
      for (const [a, b] of [
        [(keyed[i] as { index: number }).index, entry.index],
        [entry.index, (keyed[i] as { index: number }).index],
      ] as const) {
        const first = out[a] as PlacedLine;
        const second = out[b] as PlacedLine;
        if (!sameDirection(first, second)) continue;
        const s1 = span(first, first);
        const s2 = span(second, first);
        if (!oneBaseline(s1, s2) || !(s2.u0 > s1.u0) || !(s2.u0 < s1.u1)) continue;
        // poppler keeps lines of clearly different heights apart on its own (05: a tall handwritten word over
        // a printed label); only lines of about one height are merged word into word.
        if (Math.max(s1.height, s2.height) > SIMILAR_HEIGHT_RATIO * Math.min(s1.height, s2.height)) continue;
        out[a] = narrowBefore(first, s2.u0, minWordGapEm);
      }
    }
  }
  return out;
}

/** `line` with every word ending at least a minimum gap before `limitU` (in the line's own frame). */
function narrowBefore(line: PlacedLine, limitU: number, minWordGapEm: number): PlacedLine {
  const originU = line.originXPt * line.cos + line.originYPt * line.sin;
  const gap = minWordGapEm * line.fontSizePt;
  let changed = false;
  const words: PlacedWord[] = line.words.map((word) => {
    const start = originU + word.offsetPt;
    // Only the word that straddles the other line's start; words lying inside it are left as they are.
    if (start + word.widthPt <= limitU - gap || start >= limitU - gap) return word;
    const widthPt = Math.max(MIN_WIDTH_SHARE * word.ocrWidthPt, limitU - gap - originU - word.offsetPt);
    if (!(widthPt < word.widthPt)) return word;
    changed = true;
    return { ...word, widthPt, spaceWidthPt: word.spaceWidthPt + (word.widthPt - widthPt) };
  });
  return changed ? { ...line, words } : line;
}
