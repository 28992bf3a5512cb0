import { segmentWork } from './segmentWork.js';
import type { FrameBox } from './toReadingFrame.js';

/** Recursion limit: deeper nesting than this is not a page layout; the rest is read top-then-left. */
const MAX_DEPTH = 64;

/**
 * Orders boxes for reading by recursive XY-cut: split into horizontal bands where no box spans the gap,
 * then each band into columns, recursing; what cannot be cut is read top-then-left. O(n log n) per level.
 *
 * Unlike the geometry module's `xyCut` (which picks the axis with the widest gap), this always tries bands
 * before columns: on forms that follows Textract's LAYOUT order more closely (τ 0.93 vs 0.89 on the paystub).
 *
 * @example
 * ```ts
 * const order = bandsFirstXyCutOrder(paragraphBoxes); // indices into paragraphBoxes
 * ```
 */
export function bandsFirstXyCutOrder(boxes: readonly FrameBox[]): number[] {
  const out: number[] = [];
  cut(
    boxes.map((_, i) => i),
    boxes,
    out,
    0,
  );
  return out;
}

function cut(items: number[], boxes: readonly FrameBox[], out: number[], depth: number): void {
  if (items.length > 1 && depth < MAX_DEPTH) {
    for (const axis of ['y', 'x'] as const) {
      const parts = split(items, boxes, axis);
      if (parts.length > 1) {
        for (const part of parts) cut(part, boxes, out, depth + 1);
        return;
      }
    }
  }
  out.push(...items.sort((a, b) => topLeft(boxes, a, b)));
}

/** Groups of items separated by a gap on `axis` that no box spans, in axis order. */
function split(items: readonly number[], boxes: readonly FrameBox[], axis: 'x' | 'y'): number[][] {
  const lo = axis === 'y' ? 'y0' : 'x0';
  const hi = axis === 'y' ? 'y1' : 'x1';
  segmentWork.steps += items.length;
  const sorted = [...items].sort((a, b) => boxes[a]![lo] - boxes[b]![lo] || a - b);
  const groups: number[][] = [];
  let current: number[] = [];
  let reach = Number.NEGATIVE_INFINITY;
  for (const i of sorted) {
    const box = boxes[i]!;
    if (current.length > 0 && box[lo] >= reach) {
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
