import { median } from './median.js';
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
  for (let i = 0; i < sorted.length; i++) {
    const a = sorted[i]!;
    const ca = (a.y0 + a.y1) / 2;
    for (let j = i + 1; j < sorted.length; j++) {
      const b = sorted[j]!;
      // sameBaseline needs b at most twice as tall and overlapping, so its centre is within 1.5 heights of a's:
      // the window depends on this line alone, not on the tallest line of the page.
      if ((b.y0 + b.y1) / 2 - ca > 2 * a.height) break;
      if (!sameBaseline(a, b)) continue;
      const [left, right] = a.x0 <= b.x0 ? [a, b] : [b, a];
      const gap = right.x0 - left.x1;
      const charWidth = Math.min(left.charWidth, right.charWidth);
      if (gap <= joinGapChars * charWidth && gap >= -2 * charWidth) parent[find(j)] = find(i);
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
