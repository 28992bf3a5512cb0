import type { FrameBox } from './frame.js';

/**
 * Orders boxes for reading by recursive XY-cut: split into horizontal bands where no box spans the gap,
 * then each band into columns, recursing; ties fall back to top-then-left. `slack` lets boxes overlap a cut
 * by that much (OCR boxes touch). O(n log n) per level.
 *
 * Unlike the geometry module's `xyCut` (which picks the axis with the widest gap), this always tries bands
 * before columns: on forms that follows Textract's LAYOUT order more closely (τ 0.93 vs 0.89 on the paystub).
 *
 * @example
 * ```ts
 * const order = xyCutOrder(paragraphBoxes, 0.002); // indices into paragraphBoxes
 * ```
 */
export function xyCutOrder(boxes: readonly FrameBox[], slack: number): number[] {
  const out: number[] = [];
  cut(
    boxes.map((_, i) => i),
    boxes,
    slack,
    out,
    0,
  );
  return out;
}

function cut(items: number[], boxes: readonly FrameBox[], slack: number, out: number[], depth: number): void {
  if (items.length <= 1 || depth > 64) {
    out.push(...items.sort((a, b) => topLeft(boxes, a, b)));
    return;
  }
  const bands = split(items, boxes, slack, 'y');
  if (bands.length > 1) {
    for (const band of bands) cut(band, boxes, slack, out, depth + 1);
    return;
  }
  const columns = split(items, boxes, slack, 'x');
  if (columns.length > 1) {
    for (const column of columns) cut(column, boxes, slack, out, depth + 1);
    return;
  }
  out.push(...items.sort((a, b) => topLeft(boxes, a, b)));
}

function split(items: readonly number[], boxes: readonly FrameBox[], slack: number, axis: 'x' | 'y'): number[][] {
  const lo = axis === 'y' ? 'y0' : 'x0';
  const hi = axis === 'y' ? 'y1' : 'x1';
  const sorted = [...items].sort((a, b) => boxes[a]![lo] - boxes[b]![lo] || a - b);
  const groups: number[][] = [];
  let current: number[] = [];
  let reach = Number.NEGATIVE_INFINITY;
  for (const i of sorted) {
    const box = boxes[i]!;
    if (current.length > 0 && box[lo] >= reach - slack) {
      groups.push(current);
      current = [];
    }
    current.push(i);
    reach = Math.max(reach, box[hi]);
  }
  if (current.length > 0) groups.push(current);
  return groups;
}

function topLeft(boxes: readonly FrameBox[], a: number, b: number): number {
  const A = boxes[a]!;
  const B = boxes[b]!;
  return A.y0 - B.y0 || A.x0 - B.x0 || a - b;
}
