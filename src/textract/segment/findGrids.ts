import { type Unit, unionBox } from './joinBaselineFragments.js';
import { median } from './median.js';
import type { SegmenterOptions } from './options.js';
import { rowsOf } from './rowsOf.js';
import { lowerBound, segmentWork, upperBound } from './segmentWork.js';
import { geometryGrid } from './tableGrid.js';
import { wordCount } from './text-cues.js';
import type { FrameBox } from './toReadingFrame.js';
import type { SegmentTable } from './types.js';

/** A grid found from geometry alone: its units (caption first), box and cell grid when the columns are clear. */
export interface GridGroup {
  units: Unit[];
  box: FrameBox;
  grid?: SegmentTable | undefined;
}

/** Ruled tables pad their rows generously; rows further apart than this many body lines are not one table. */
const MAX_ROW_GAP_LINES = 6;
/** Cells are short: a row continuing a table with fewer cells than a full row has at most this many words each. */
const MAX_CELL_WORDS = 4;
/** A gutter between side-by-side grids is this many times wider than the usual gap between columns... */
const GRID_GAP_RATIO = 2.5;
/** ...and at least this many body heights wide. */
const MIN_GRID_GAP_LINES = 1.5;
/** A row further below the previous one than this many times the grid's usual row gap starts a new grid. */
const ROW_GAP_SPLIT_RATIO = 2.5;
/** A caption sits at most this many body lines above its grid... */
const CAPTION_GAP_LINES = 2.5;
/** ...is a short line: at most this many words... */
const MAX_CAPTION_WORDS = 8;
/** ...and centred over the grid: its centre at most this share of the grid's width from the grid's centre. */
const CAPTION_CENTRE_SHARE = 0.15;

/**
 * Grids on a page without TABLE blocks, from geometry alone: runs of rows with at least `tableMinCells` cells
 * whose columns line up (a shorter row of short cells under the columns continues the run); each run is cut
 * into side-by-side grids at gutters much wider than its usual column gap, and into stacked grids at rows that
 * span several columns (captions) or at unusually wide row gaps. A short line centred just above a grid is its
 * caption: it joins the grid's segment but not its cells.
 *
 * @example
 * ```ts
 * const grids = findGrids(units, bodyHeight, options); // e.g. three month calendars side by side
 * ```
 */
export function findGrids(
  units: readonly Unit[],
  bodyHeight: number,
  options: Pick<SegmenterOptions, 'tableMinCells' | 'tableMinRows'>,
): GridGroup[] {
  const out: GridGroup[] = [];
  const captioned = new Set<GridGroup>();
  for (const { rows, above } of tabularRuns(rowsOf(units), bodyHeight, options)) {
    for (const block of sideBySide(rows, above, bodyHeight)) {
      out.push(...stackedGrids(block, bodyHeight, options, captioned));
    }
  }
  attachCaptions(
    out.filter((g) => !captioned.has(g)),
    out,
    units,
    bodyHeight,
  );
  return out;
}

/** At least half of the cells of `row` (and two) sit under a cell of `above`. */
function columnsAlign(above: readonly Unit[], row: readonly Unit[]): boolean {
  segmentWork.steps += row.length * above.length;
  const aligned = row.filter((cell) => above.some((a) => overlapX(a, cell) > 0));
  return aligned.length >= Math.max(2, row.length / 2);
}

function overlapX(a: { x0: number; x1: number }, b: { x0: number; x1: number }): number {
  return Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0);
}

/** Runs of consecutive table rows, top to bottom. */
function tabularRuns(
  rows: readonly Unit[][],
  bodyHeight: number,
  options: Pick<SegmenterOptions, 'tableMinCells' | 'tableMinRows'>,
): { rows: Unit[][]; above: Unit[] | undefined }[] {
  const runs: { rows: Unit[][]; above: Unit[] | undefined }[] = [];
  let run: Unit[][] = [];
  let above: Unit[] | undefined;
  let lastFull: Unit[] | undefined;
  const gaps: number[] = [];
  const flush = (): void => {
    if (run.length >= options.tableMinRows) runs.push({ rows: run, above });
    run = [];
    lastFull = undefined;
    gaps.length = 0;
  };
  rows.forEach((row, r) => {
    if (run.length === 0) above = rows[r - 1];
    const last = run.at(-1);
    const gap = last ? unionBox(row).y0 - unionBox(last).y1 : 0;
    if (row.length >= options.tableMinCells) {
      if (lastFull && (gap > MAX_ROW_GAP_LINES * bodyHeight || !columnsAlign(lastFull, row))) {
        flush();
        above = rows[r - 1];
      }
      if (run.length > 0) gaps.push(gap);
      run.push(row);
      lastFull = row;
      return;
    }
    // A short row (a calendar's last week, a table's last line) continues the run when its cells are short,
    // each sits under exactly one cell of the last full row, and it is no further down than the rows before it.
    const usualGap = gaps.length > 0 ? median(gaps) : bodyHeight;
    if (
      lastFull &&
      gap <= Math.max(1.5 * usualGap, 0.5 * bodyHeight) &&
      row.every(
        (cell) => wordCount(cell.text) <= MAX_CELL_WORDS && lastFull!.filter((a) => overlapX(a, cell) > 0).length === 1,
      )
    ) {
      segmentWork.steps += row.length * lastFull.length;
      gaps.push(gap);
      run.push(row);
      return;
    }
    flush();
  });
  flush();
  return runs;
}

/**
 * Cuts a run of rows into grids standing side by side at vertical gutters (x ranges no unit of the run covers):
 * gutters at least {@link GRID_GAP_RATIO} times the median gutter, and, when a row of two or more short lines
 * sits just above the run (captions side by side), the widest gutter between each two neighbouring captions.
 * A cut stands only when every piece keeps two columns.
 */
function sideBySide(run: Unit[][], above: Unit[] | undefined, bodyHeight: number): Unit[][][] {
  const spans = run.flat().sort((a, b) => a.x0 - b.x0);
  const gutters: { x0: number; x1: number }[] = [];
  let reach = Number.NEGATIVE_INFINITY;
  for (const unit of spans) {
    if (unit.x0 > reach && reach > Number.NEGATIVE_INFINITY) gutters.push({ x0: reach, x1: unit.x0 });
    reach = Math.max(reach, unit.x1);
  }
  if (gutters.length < 3) return [run];
  const typical = median(gutters.map((g) => g.x1 - g.x0));
  const chosen = new Set(
    gutters.filter((g) => g.x1 - g.x0 >= GRID_GAP_RATIO * typical && g.x1 - g.x0 >= MIN_GRID_GAP_LINES * bodyHeight),
  );
  const runTop = Math.min(...run[0]!.map((u) => u.y0));
  const captions =
    above && above.length >= 2 && above.every((u) => wordCount(u.text) <= MAX_CAPTION_WORDS)
      ? above.filter((u) => runTop - u.y1 >= -0.25 * bodyHeight && runTop - u.y1 <= CAPTION_GAP_LINES * bodyHeight)
      : [];
  for (let k = 1; k < captions.length; k++) {
    const from = (captions[k - 1]!.x0 + captions[k - 1]!.x1) / 2;
    const to = (captions[k]!.x0 + captions[k]!.x1) / 2;
    let widest: { x0: number; x1: number } | undefined;
    for (const g of gutters) {
      if (g.x0 >= from && g.x1 <= to && (!widest || g.x1 - g.x0 > widest.x1 - widest.x0)) widest = g;
    }
    if (widest) chosen.add(widest);
  }
  const isCut = (g: { x0: number; x1: number }) => chosen.has(g);
  const cuts = gutters.filter(isCut);
  if (cuts.length === 0) return [run];
  // Every piece must keep a gutter of its own (two columns), or the cut is not between grids.
  const edges = [Number.NEGATIVE_INFINITY, ...cuts.flatMap((c) => [c.x0, c.x1]), Number.POSITIVE_INFINITY];
  for (let k = 0; k < edges.length; k += 2) {
    const [left, right] = [edges[k]!, edges[k + 1]!];
    if (!gutters.some((g) => !isCut(g) && g.x0 >= left && g.x1 <= right)) return [run];
  }
  const pieceOf = (unit: Unit): number => cuts.filter((c) => c.x1 <= unit.x0).length;
  const blocks: Unit[][][] = cuts.map(() => []).concat([[]]);
  for (const row of run) {
    const parts: Unit[][] = blocks.map(() => []);
    for (const unit of row) parts[pieceOf(unit)]!.push(unit);
    parts.forEach((part, k) => {
      if (part.length > 0) blocks[k]!.push(part);
    });
  }
  return blocks;
}

/**
 * Cuts one block of rows into grids stacked top to bottom: a row that is one short line spanning two or more
 * columns (a caption such as a month name) starts the next grid and is its caption; a row after an unusually
 * wide gap starts the next grid too. A piece with fewer than `tableMinRows` grid rows is no grid (its units stay prose).
 */
function stackedGrids(
  rows: Unit[][],
  bodyHeight: number,
  options: Pick<SegmenterOptions, 'tableMinRows'>,
  captioned: Set<GridGroup>,
): GridGroup[] {
  const bands = columnBands(rows.flat());
  const spansColumns = (unit: Unit): boolean => {
    let count = 0;
    for (const band of bands) if (overlapX(band, unit) > 0) count++;
    return count >= 2;
  };
  const gaps: number[] = [];
  for (let r = 1; r < rows.length; r++) gaps.push(unionBox(rows[r]!).y0 - unionBox(rows[r - 1]!).y1);
  const usualGap = gaps.length > 0 ? median(gaps) : bodyHeight;
  const out: GridGroup[] = [];
  let captions: Unit[][] = [];
  let cells: Unit[][] = [];
  const emit = (): void => {
    if (cells.length >= options.tableMinRows) {
      const units = [...captions.flat(), ...cells.flat()];
      const grid = geometryGrid(cells.map((row) => row.map((u) => ({ text: u.text, x0: u.x0, x1: u.x1 }))));
      const group = { units, box: unionBox(units), grid };
      out.push(group);
      if (captions.length > 0) captioned.add(group);
    }
    captions = [];
    cells = [];
  };
  rows.forEach((row, r) => {
    segmentWork.steps += row.length;
    const wideGap = r > 0 && gaps[r - 1]! > Math.max(ROW_GAP_SPLIT_RATIO * usualGap, bodyHeight);
    // A caption row is one short line over several columns (a month name); a header row of several cells, one
    // of them spanning two columns, is still part of its grid.
    if (row.length === 1 && wordCount(row[0]!.text) <= MAX_CAPTION_WORDS && spansColumns(row[0]!)) {
      emit();
      captions.push(row);
    } else {
      if (wideGap && cells.length > 0) emit();
      cells.push(row);
    }
  });
  emit();
  return out;
}

/**
 * Column bands of a block: x ranges where its cell-sized units (no wider than twice the median unit) overlap.
 * Wider units — captions, spanning headers — do not shape the columns.
 */
function columnBands(units: readonly Unit[]): { x0: number; x1: number }[] {
  if (units.length === 0) return [];
  const limit = 2 * median(units.map((u) => u.x1 - u.x0));
  const narrow = units.filter((u) => u.x1 - u.x0 <= limit).sort((a, b) => a.x0 - b.x0);
  const bands: { x0: number; x1: number }[] = [];
  for (const unit of narrow) {
    const last = bands.at(-1);
    if (last && unit.x0 < last.x1) last.x1 = Math.max(last.x1, unit.x1);
    else bands.push({ x0: unit.x0, x1: unit.x1 });
  }
  return bands;
}

/**
 * Gives each grid without a caption row the short line(s) just above it — within {@link CAPTION_GAP_LINES} body
 * lines, inside its width and centred over it, over no other grid — as its caption.
 */
function attachCaptions(
  uncaptioned: readonly GridGroup[],
  grids: readonly GridGroup[],
  units: readonly Unit[],
  bodyHeight: number,
): void {
  if (uncaptioned.length === 0) return;
  const inGrid = new Set(grids.flatMap((g) => g.units));
  const free = units
    .filter((u) => !inGrid.has(u) && wordCount(u.text) <= MAX_CAPTION_WORDS)
    .sort((a, b) => a.y1 - b.y1);
  const bottomAt = (k: number) => free[k]!.y1;
  const taken = new Set<Unit>();
  for (const grid of uncaptioned) {
    const { box } = grid;
    const from = lowerBound(free.length, bottomAt, box.y0 - CAPTION_GAP_LINES * bodyHeight);
    const to = upperBound(free.length, bottomAt, box.y0 + 0.25 * bodyHeight);
    const near: Unit[] = [];
    for (let k = from; k < to; k++) {
      segmentWork.steps++;
      const unit = free[k]!;
      if (taken.has(unit) || unit.x0 < box.x0 - bodyHeight || unit.x1 > box.x1 + bodyHeight) continue;
      const cx = (unit.x0 + unit.x1) / 2;
      // A caption is centred over its grid; a line flush with its left edge introduces a section (a heading).
      if (Math.abs(cx - (box.x0 + box.x1) / 2) > CAPTION_CENTRE_SHARE * (box.x1 - box.x0)) continue;
      // Not when another grid lies between it and this one (it is that grid's line).
      if (grids.some((g) => g !== grid && cx > g.box.x0 && cx < g.box.x1 && g.box.y1 > unit.y1 && g.box.y0 < box.y0)) {
        continue;
      }
      near.push(unit);
    }
    if (near.length === 0) continue;
    // Only the row nearest the grid.
    const lowest = Math.max(...near.map((u) => u.y1));
    const caption = near.filter((u) => u.y1 >= lowest - 0.5 * u.height);
    for (const unit of caption) taken.add(unit);
    grid.units = [...caption, ...grid.units];
    grid.box = unionBox(grid.units);
  }
}
