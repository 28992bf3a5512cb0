import type { InputPage, InputTable, InputTableCell } from './toSegmentInput.js';
import type { Segment, SegmentTable } from './types.js';

/** Grids larger than this many positions are not built (no real table comes close; bad input could). */
const MAX_GRID_POSITIONS = 1_000_000;

/**
 * Gives every `table` segment the cell grid of the Textract TABLE blocks it holds: a TABLE belongs to the
 * segment holding more than half of its lines (so at most one segment per TABLE). Several TABLEs in one
 * segment (one table Textract split in two) are stacked top to bottom when they have the same number of
 * columns; otherwise the grid is left undefined. Only words of the segment's own lines enter the grid, so no
 * text is shown twice. Linear in lines plus cells.
 *
 * @example
 * ```ts
 * attachTableGrids(segments, input.pages);
 * ```
 */
export function attachTableGrids(segments: readonly Segment[], pages: readonly InputPage[]): void {
  const pageOf = new Map(pages.map((p) => [p.page, p]));
  const tablesOf = new Map<InputPage, Map<string, InputTable[]>>();
  for (const segment of segments) {
    if (segment.role !== 'table' || segment.lines.length === 0) continue;
    const page = pageOf.get(segment.page);
    if (page === undefined || page.tables.length === 0) continue;
    let byLine = tablesOf.get(page);
    if (byLine === undefined) {
      byLine = new Map();
      for (const table of page.tables) {
        if (table.cells === undefined) continue;
        for (const id of table.lineIds) {
          const list = byLine.get(id);
          if (list) list.push(table);
          else byLine.set(id, [table]);
        }
      }
      tablesOf.set(page, byLine);
    }
    const lineIds = new Set(segment.lines.map((l) => l.id));
    const held = new Map<InputTable, number>();
    for (const id of lineIds) for (const table of byLine.get(id) ?? []) held.set(table, (held.get(table) ?? 0) + 1);
    const owned = [...held]
      .filter(([table, count]) => 2 * count > table.lineIds.length)
      .map(([table]) => table)
      .sort((a, b) => a.bbox.top - b.bbox.top || a.bbox.left - b.bbox.left);
    const grid = textractGrid(owned, lineIds);
    if (grid !== undefined) segment.table = grid;
  }
}

/**
 * The stacked grid of `tables` showing only words of `lineIds`, or undefined when there is none, the column
 * counts differ or the cells do not tile a grid.
 *
 * @example
 * ```ts
 * const grid = textractGrid([page.tables[0]], new Set(segment.lines.map((l) => l.id)));
 * ```
 */
export function textractGrid(tables: readonly InputTable[], lineIds: ReadonlySet<string>): SegmentTable | undefined {
  if (tables.length === 0) return undefined;
  const rows: string[][] = [];
  let columns: number | undefined;
  let headerRows = 0;
  for (const [index, table] of tables.entries()) {
    const grid = cellGrid(table.cells ?? [], lineIds);
    if (grid === undefined) return undefined;
    if (columns !== undefined && grid.columns !== columns) return undefined;
    columns = grid.columns;
    if (index === 0) headerRows = grid.headerRows;
    rows.push(...grid.rows);
  }
  return { rows, headerRows, source: 'textract', tableIds: tables.map((t) => t.id) };
}

interface CellGrid {
  rows: string[][];
  columns: number;
  headerRows: number;
}

/** Lays cells out on their grid; undefined unless every position is covered and no cell overlaps another. */
function cellGrid(cells: readonly InputTableCell[], lineIds: ReadonlySet<string>): CellGrid | undefined {
  if (cells.length === 0) return undefined;
  let rowCount = 0;
  let columnCount = 0;
  let area = 0;
  for (const cell of cells) {
    rowCount = Math.max(rowCount, cell.rowIndex + cell.rowSpan - 1);
    columnCount = Math.max(columnCount, cell.columnIndex + cell.columnSpan - 1);
    area += cell.rowSpan * cell.columnSpan;
  }
  // Non-overlapping cells that cover every position have exactly the grid's area.
  if (area !== rowCount * columnCount || area > MAX_GRID_POSITIONS) return undefined;
  const taken: boolean[][] = Array.from({ length: rowCount }, () => new Array<boolean>(columnCount).fill(false));
  const rows: string[][] = Array.from({ length: rowCount }, () => new Array<string>(columnCount).fill(''));
  const header = new Array<boolean>(rowCount).fill(false);
  for (const cell of cells) {
    for (let r = cell.rowIndex - 1; r < cell.rowIndex - 1 + cell.rowSpan; r++) {
      for (let c = cell.columnIndex - 1; c < cell.columnIndex - 1 + cell.columnSpan; c++) {
        if (taken[r]![c]) return undefined;
        taken[r]![c] = true;
      }
      if (cell.columnHeader) header[r] = true;
    }
    rows[cell.rowIndex - 1]![cell.columnIndex - 1] = cell.words
      .filter((w) => lineIds.has(w.lineId))
      .map((w) => w.text)
      .join(' ');
  }
  let headerRows = 0;
  while (headerRows < rowCount && header[headerRows]) headerRows++;
  return { rows, columns: columnCount, headerRows };
}

/**
 * The grid of a table found from geometry: `rows` of cells (each a text with its left and right edge, left to
 * right). Columns are the bands where cells of different rows overlap horizontally. Undefined — the grid is
 * not guessed — when two cells of a row fall into one band or a band holds a cell of only one row.
 *
 * @example
 * ```ts
 * geometryGrid([[{ text: 'Item', x0: 0.1, x1: 0.2 }, { text: 'Price', x0: 0.5, x1: 0.6 }], ...]);
 * ```
 */
export function geometryGrid(
  rows: readonly (readonly { text: string; x0: number; x1: number }[])[],
): SegmentTable | undefined {
  if (rows.length < 2) return undefined;
  const edges = rows.flat().sort((a, b) => a.x0 - b.x0);
  const bands: { x0: number; x1: number }[] = [];
  for (const cell of edges) {
    const last = bands.at(-1);
    if (last && cell.x0 < last.x1) last.x1 = Math.max(last.x1, cell.x1);
    else bands.push({ x0: cell.x0, x1: cell.x1 });
  }
  const rowsPerBand = new Array<number>(bands.length).fill(0);
  const grid: string[][] = [];
  for (const row of rows) {
    const out = new Array<string>(bands.length).fill('');
    const used = new Set<number>();
    let band = 0;
    for (const cell of [...row].sort((a, b) => a.x0 - b.x0)) {
      while (band < bands.length - 1 && cell.x0 >= bands[band]!.x1) band++;
      if (used.has(band)) return undefined;
      used.add(band);
      rowsPerBand[band]!++;
      out[band] = cell.text;
    }
    grid.push(out);
  }
  if (rowsPerBand.some((n) => n < 2)) return undefined;
  return { rows: grid, headerRows: 0, source: 'geometry', tableIds: [] };
}
