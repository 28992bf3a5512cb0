import { median } from './median.js';
import { lowerBound, segmentWork, upperBound } from './segmentWork.js';
import type { FrameBox, FrameLine } from './toReadingFrame.js';

/** One or more LINEs on one baseline with word-sized gaps: Textract sometimes splits one visual line. */
export interface Unit extends FrameBox {
  /** Lines left to right. */
  lines: FrameLine[];
  height: number;
  charWidth: number;
  text: string;
  /** Position in the page's top-to-bottom order (stable tie-breaks, never block order). */
  index: number;
}

/**
 * Re-joins LINE fragments that sit on one baseline with a gap of at most `joinGapChars` character widths.
 * Sweeps lines sorted by vertical centre, so the work per line is bounded by the lines sharing its row.
 *
 * @example
 * ```ts
 * const units = joinBaselineFragments(frame.lines, 1.6);
 * ```
 */
export function joinBaselineFragments(lines: readonly FrameLine[], joinGapChars: number): Unit[] {
  const sorted = [...lines].sort(
    (a, b) => a.y0 + a.y1 - (b.y0 + b.y1) || a.x0 - b.x0 || compareIds(a.line.id, b.line.id),
  );
  const parent = sorted.map((_, i) => i);
  const find = (i: number): number => {
    let root = i;
    while (parent[root] !== root) root = parent[root]!;
    while (parent[i] !== root) {
      const next = parent[i]!;
      parent[i] = root;
      i = next;
    }
    return root;
  };
  const n = sorted.length;
  const centre = sorted.map((l) => (l.y0 + l.y1) / 2);
  // Pairs are looked up two ways: by row (the lines just below in centre order) or by edge (lines starting
  // near this one's right end, or ending near its left end). Each line takes the shorter list, so a row of
  // thousands of lines, or thousands stacked on one spot, costs log n per line instead of n.
  const byLeft = sorted.map((_, i) => i).sort((p, q) => sorted[p]!.x0 - sorted[q]!.x0 || p - q);
  const byRight = sorted.map((_, i) => i).sort((p, q) => sorted[p]!.x1 - sorted[q]!.x1 || p - q);
  const leftAt = (k: number) => sorted[byLeft[k]!]!.x0;
  const rightAt = (k: number) => sorted[byRight[k]!]!.x1;
  const centreAt = (k: number) => centre[k]!;
  const tryJoin = (i: number, j: number): void => {
    segmentWork.steps++;
    if (i === j) return;
    const [lo, hi] = i < j ? [i, j] : [j, i];
    const a = sorted[lo]!;
    const b = sorted[hi]!;
    // sameBaseline needs b at most twice as tall and overlapping, so its centre is within 1.5 heights of a's:
    // the window depends on the upper line alone, not on the tallest line of the page.
    if (centre[hi]! - centre[lo]! > 2 * a.height || !sameBaseline(a, b)) return;
    const [left, right] = a.x0 <= b.x0 ? [a, b] : [b, a];
    const gap = right.x0 - left.x1;
    const charWidth = Math.min(left.charWidth, right.charWidth);
    if (gap <= joinGapChars * charWidth && gap >= -2 * charWidth) parent[find(hi)] = find(lo);
  };
  for (let i = 0; i < n; i++) {
    segmentWork.steps++;
    const a = sorted[i]!;
    const rowEnd = upperBound(n, centreAt, centre[i]! + 2 * a.height);
    // A joinable partner starts within [x1 - 2 chars, x1 + joinGapChars chars] of a's end, or ends as far from
    // a's start (charWidth is the smaller of the two, so a's own bounds the window).
    const reach = joinGapChars * a.charWidth;
    const slack = 2 * a.charWidth;
    const rightFrom = lowerBound(n, leftAt, Math.max(a.x0, a.x1 - slack));
    const rightTo = upperBound(n, leftAt, a.x1 + reach);
    const leftFrom = lowerBound(n, rightAt, a.x0 - reach);
    const leftTo = upperBound(n, rightAt, a.x0 + slack);
    if (rowEnd - i - 1 <= rightTo - rightFrom + (leftTo - leftFrom)) {
      for (let j = i + 1; j < rowEnd; j++) tryJoin(i, j);
    } else {
      for (let k = rightFrom; k < rightTo; k++) tryJoin(i, byLeft[k]!);
      for (let k = leftFrom; k < leftTo; k++) tryJoin(i, byRight[k]!);
    }
  }
  const groups = new Map<number, FrameLine[]>();
  sorted.forEach((line, i) => {
    const root = find(i);
    const group = groups.get(root) ?? [];
    group.push(line);
    groups.set(root, group);
  });
  const units = [...groups.values()].map((group) => makeUnit(group.sort((a, b) => a.x0 - b.x0)));
  units.sort((a, b) => a.y0 - b.y0 || a.x0 - b.x0 || compareIds(a.lines[0]!.line.id, b.lines[0]!.line.id));
  units.forEach((unit, index) => {
    unit.index = index;
  });
  return units;
}

function sameBaseline(a: FrameLine, b: FrameLine): boolean {
  const overlap = Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0);
  const minHeight = Math.min(a.height, b.height);
  const maxHeight = Math.max(a.height, b.height);
  return overlap >= 0.6 * minHeight && minHeight >= 0.5 * maxHeight;
}

/** Builds a unit from lines sorted left to right. */
function makeUnit(lines: FrameLine[]): Unit {
  const { x0, x1, y0, y1 } = unionBox(lines);
  const text = lines.map((l) => l.line.text).join(' ');
  const chars = lines.reduce((n, l) => n + l.line.text.length, 0);
  const inkWidth = lines.reduce((w, l) => w + (l.x1 - l.x0), 0);
  return {
    x0,
    x1,
    y0,
    y1,
    lines,
    height: median(lines.map((l) => l.height)),
    charWidth: Math.max(inkWidth / Math.max(chars, 1), 1e-9),
    text,
    index: 0,
  };
}

/** The box enclosing some units (or lines). */
export function unionBox(items: readonly FrameBox[]): FrameBox {
  let x0 = Number.POSITIVE_INFINITY;
  let x1 = Number.NEGATIVE_INFINITY;
  let y0 = Number.POSITIVE_INFINITY;
  let y1 = Number.NEGATIVE_INFINITY;
  for (const b of items) {
    x0 = Math.min(x0, b.x0);
    x1 = Math.max(x1, b.x1);
    y0 = Math.min(y0, b.y0);
    y1 = Math.max(y1, b.y1);
  }
  return { x0, x1, y0, y1 };
}

/** Compares two ids as strings, for deterministic tie-breaks. */
function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
