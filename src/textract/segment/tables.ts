import { findGrids } from './findGrids.js';
import { type Unit, unionBox } from './joinBaselineFragments.js';
import type { SegmenterOptions } from './options.js';
import { rowsOf } from './rowsOf.js';
import type { FrameBox } from './toReadingFrame.js';
import type { InputTable } from './toSegmentInput.js';
import type { SegmentTable } from './types.js';

/** A table found on a page: from TABLE blocks, or from a grid of aligned cells. */
export interface TableGroup {
  units: Unit[];
  box: FrameBox;
  /** TABLE block ids merged into this group (empty for detected grids). */
  tableIds: string[];
  /** For detected grids: the cell grid, when its columns are unambiguous. */
  grid?: SegmentTable | undefined;
}

/**
 * Collects table units: lines in TABLE cells (tables stacked directly on each other with the same width are
 * one table split by Textract), units whose centre lies inside such a table, and, on pages without TABLE
 * blocks, runs of rows with at least `tableMinCells` separate cells.
 *
 * @example
 * ```ts
 * const { tables, rest } = findTables(units, page.tables, bodyHeight, options);
 * ```
 */
export function findTables(
  units: readonly Unit[],
  tables: readonly InputTable[],
  bodyHeight: number,
  options: Pick<SegmenterOptions, 'tableMinCells' | 'tableMinRows'>,
): { tables: TableGroup[]; rest: Unit[] } {
  const textOf = new Map<string, string>();
  if (tables.length > 0) for (const u of units) for (const l of u.lines) textOf.set(l.line.id, l.line.text);
  const tableOfLine = new Map<string, number>();
  tables.forEach((table, index) => {
    if (isProse(table.lineIds.map((id) => textOf.get(id) ?? ''))) return;
    for (const id of table.lineIds) if (!tableOfLine.has(id)) tableOfLine.set(id, index);
  });
  const byTable = new Map<number, Unit[]>();
  const free: Unit[] = [];
  for (const unit of units) {
    const hit = unit.lines.map((l) => tableOfLine.get(l.line.id)).find((t) => t !== undefined);
    if (hit === undefined) {
      free.push(unit);
      continue;
    }
    const members = byTable.get(hit);
    if (members) members.push(unit);
    else byTable.set(hit, [unit]);
  }
  let groups: TableGroup[] = [...byTable.entries()]
    .sort(([a], [b]) => a - b)
    .map(([index, members]) => ({ units: members, box: unionBox(members), tableIds: [tables[index]!.id] }));
  groups = mergeStacked(groups, bodyHeight);

  const rest: Unit[] = [];
  for (const unit of free) {
    const cx = (unit.x0 + unit.x1) / 2;
    const cy = (unit.y0 + unit.y1) / 2;
    const host = groups.find((g) => cx > g.box.x0 && cx < g.box.x1 && cy > g.box.y0 && cy < g.box.y1);
    if (host) host.units.push(unit);
    else rest.push(unit);
  }
  for (const group of groups) group.box = unionBox(group.units);

  // When Textract analysed tables on this page, its TABLE blocks are the better judge; grids fill in otherwise.
  const grid: TableGroup[] = (tables.length === 0 ? findGrids(rest, bodyHeight, options) : []).map((g) => ({
    ...g,
    tableIds: [],
  }));
  const gridUnits = new Set(grid.flatMap((g) => g.units));
  return {
    tables: [...groups, ...grid],
    rest: gridUnits.size === 0 ? rest : rest.filter((u) => !gridUnits.has(u)),
  };
}

/**
 * Textract sometimes reports columns of running text as a TABLE. Cells of real tables are mostly numbers,
 * labels and short phrases; when at least half of the lines read like prose (three or more words, mostly
 * letters), the TABLE block is not used.
 */
function isProse(texts: readonly string[]): boolean {
  if (texts.length === 0) return false;
  const prose = texts.filter((text) => {
    const words = text.trim().split(/\s+/).length;
    const ink = text.replace(/\s/g, '');
    const letters = ink.replace(/[^\p{L}]/gu, '').length;
    return words >= 3 && letters >= 0.7 * ink.length;
  }).length;
  return prose >= 0.5 * texts.length;
}

/** Units of a table in reading order: rows top to bottom, cells left to right. */
export function tableReadingOrder(units: readonly Unit[]): Unit[] {
  return rowsOf(units).flat();
}

function mergeStacked(groups: TableGroup[], bodyHeight: number): TableGroup[] {
  const sorted = [...groups].sort((a, b) => a.box.y0 - b.box.y0);
  const out: TableGroup[] = [];
  for (const group of sorted) {
    const previous = out.find((p) => {
      const gap = group.box.y0 - p.box.y1;
      const overlap = Math.min(p.box.x1, group.box.x1) - Math.max(p.box.x0, group.box.x0);
      const minWidth = Math.min(p.box.x1 - p.box.x0, group.box.x1 - group.box.x0);
      return gap > -bodyHeight && gap <= 2 * bodyHeight && overlap >= 0.8 * minWidth;
    });
    if (previous) {
      previous.units.push(...group.units);
      previous.tableIds.push(...group.tableIds);
      previous.box = unionBox(previous.units);
    } else {
      out.push({ units: [...group.units], box: group.box, tableIds: [...group.tableIds] });
    }
  }
  return out;
}
