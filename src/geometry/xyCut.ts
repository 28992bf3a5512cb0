import { type Box, boxBottom, boxRight } from './Box.js';
import { boxUnionAll } from './boxUnion.js';
import { findGaps } from './findGaps.js';
import { sortReadingOrder } from './sortReadingOrder.js';

/** Options of {@link xyCut}. Gaps are in the boxes' unit; use points in an upright frame. */
export interface XyCutOptions {
  /** Narrowest vertical whitespace channel that separates columns. */
  readonly minGapX: number;
  /** Narrowest horizontal whitespace band that separates blocks. */
  readonly minGapY: number;
  /** Recursion limit; default {@link DEFAULT_XY_CUT_MAX_DEPTH}. */
  readonly maxDepth?: number;
}

/** Default `maxDepth` of {@link xyCut}. */
export const DEFAULT_XY_CUT_MAX_DEPTH = 32;

/** A node of the XY-cut tree: a split into bands (`y`), columns (`x`), or a leaf of boxes in row order. */
export type XyCutNode =
  | {
      /** An inner node: its boxes split at gaps. */
      readonly kind: 'split';
      /** `y`: split into horizontal bands (top to bottom); `x`: into columns (left to right). */
      readonly axis: 'x' | 'y';
      /** The union of the boxes below this node. */
      readonly bounds: Box;
      /** The parts, in reading order. */
      readonly children: readonly XyCutNode[];
    }
  | {
      /** A part with no qualifying gap. */
      readonly kind: 'leaf';
      /** The union of its boxes. */
      readonly bounds: Box;
      /** Indices into the input boxes, ascending. */
      readonly members: readonly number[];
    };

/**
 * Recursive XY-cut: splits a set of boxes at whitespace gaps, choosing at each level the axis whose widest gap
 * is largest relative to its threshold (`gap / minGap`; ties go to horizontal bands), then recurses into each
 * part. Bands are ordered top to bottom, columns left to right; a part with no qualifying gap becomes a leaf
 * in {@link sortReadingOrder} order. Returns `undefined` for no boxes.
 *
 * @example
 * ```ts
 * const tree = xyCut(lines.map((line) => line.bboxPt), { minGapX: 12, minGapY: 18 });
 * ```
 */
export function xyCut(boxes: readonly Box[], options: XyCutOptions): XyCutNode | undefined {
  if (boxes.length === 0) return undefined;
  const maxDepth = options.maxDepth ?? DEFAULT_XY_CUT_MAX_DEPTH;
  return cut(
    boxes,
    boxes.map((_, index) => index),
    options,
    maxDepth,
  );
}

/**
 * The reading order XY-cut gives: the leaves' members, depth first. A permutation of `0 … n−1`.
 *
 * @example
 * ```ts
 * const order = xyCutOrder(lines.map((line) => line.bboxPt), { minGapX: 12, minGapY: 18 });
 * ```
 */
export function xyCutOrder(boxes: readonly Box[], options: XyCutOptions): number[] {
  const order: number[] = [];
  const visit = (node: XyCutNode): void => {
    if (node.kind === 'leaf') order.push(...node.members);
    else for (const child of node.children) visit(child);
  };
  const root = xyCut(boxes, options);
  if (root) visit(root);
  return order;
}

function cut(boxes: readonly Box[], members: number[], options: XyCutOptions, depth: number): XyCutNode {
  const bounds = boxUnionAll(members.map((index) => boxes[index] as Box)) as Box;
  const leaf = (): XyCutNode => {
    const order = sortReadingOrder(members.map((index) => boxes[index] as Box));
    return { kind: 'leaf', bounds, members: order.map((position) => members[position] as number) };
  };
  if (members.length < 2 || depth <= 0) return leaf();
  const gapsY = findGaps(
    members.map((index) => ({ start: (boxes[index] as Box).top, end: boxBottom(boxes[index] as Box) })),
    { minGap: options.minGapY },
  );
  const gapsX = findGaps(
    members.map((index) => ({ start: (boxes[index] as Box).left, end: boxRight(boxes[index] as Box) })),
    { minGap: options.minGapX },
  );
  const scoreY = widest(gapsY) / Math.max(options.minGapY, Number.MIN_VALUE);
  const scoreX = widest(gapsX) / Math.max(options.minGapX, Number.MIN_VALUE);
  if (gapsY.length === 0 && gapsX.length === 0) return leaf();
  const axis: 'x' | 'y' = gapsY.length > 0 && scoreY >= scoreX ? 'y' : 'x';
  const gaps = axis === 'y' ? gapsY : gapsX;
  // Each box goes to the part between the gaps its start falls in; boxes never straddle a gap.
  const parts: number[][] = gaps.map(() => []);
  parts.push([]);
  for (const index of members) {
    const box = boxes[index] as Box;
    const start = axis === 'y' ? box.top : box.left;
    let part = 0;
    while (part < gaps.length && start >= (gaps[part]?.end ?? Number.POSITIVE_INFINITY)) part++;
    parts[part]?.push(index);
  }
  const children = parts.filter((part) => part.length > 0).map((part) => cut(boxes, part, options, depth - 1));
  return { kind: 'split', axis, bounds, children };
}

function widest(gaps: readonly { start: number; end: number }[]): number {
  let width = 0;
  for (const gap of gaps) width = Math.max(width, gap.end - gap.start);
  return width;
}
