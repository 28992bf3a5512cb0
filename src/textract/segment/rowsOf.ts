import type { Unit } from './joinBaselineFragments.js';

/**
 * Rows of units sharing a baseline, top to bottom, each left to right: a unit joins the row above when it
 * overlaps the row's first unit by half the smaller height.
 *
 * @example
 * ```ts
 * for (const row of rowsOf(units)) console.log(row.map((u) => u.text).join(' | '));
 * ```
 */
export function rowsOf(units: readonly Unit[]): Unit[][] {
  const sorted = [...units].sort((a, b) => a.y0 + a.y1 - (b.y0 + b.y1) || a.x0 - b.x0);
  const rows: Unit[][] = [];
  for (const unit of sorted) {
    const row = rows.at(-1);
    const anchor = row?.[0];
    if (
      row &&
      anchor &&
      Math.min(anchor.y1, unit.y1) - Math.max(anchor.y0, unit.y0) >= 0.5 * Math.min(anchor.height, unit.height)
    ) {
      row.push(unit);
    } else {
      rows.push([unit]);
    }
  }
  for (const row of rows) row.sort((a, b) => a.x0 - b.x0);
  return rows;
}
