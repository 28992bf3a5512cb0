import { type Unit, unionBox } from './joinBaselineFragments.js';
import { rowsOf } from './rowsOf.js';
import { lowerBound, segmentWork } from './segmentWork.js';
import type { TableGroup } from './tables.js';
import type { FrameBox } from './toReadingFrame.js';

/** A key-value region: form rows (and form-like tables) that belong together. */
export interface KeyValueRegion {
  units: Unit[];
  tables: TableGroup[];
  box: FrameBox;
}

interface Node {
  box: FrameBox;
  unit?: Unit;
  table?: TableGroup;
  keyValue: boolean;
}

/**
 * Groups form rows into key-value regions. Nodes are units with a word in a KEY_VALUE_SET and tables whose
 * lines are mostly key-values (Textract reports a receipt's item list both ways); two nodes connect when
 * they overlap horizontally and the vertical gap is at most `maxGapLines` body lines (form rows are spaced
 * more loosely than prose). A unit without key-values joins only when it bridges region rows above and below.
 * Regions need at least three units.
 *
 * @example
 * ```ts
 * const { regions, rest, tables } = findKeyValueRegions(bodyUnits, tableGroups, kvLineIds, bodyHeight, 2.5);
 * ```
 */
export function findKeyValueRegions(
  units: readonly Unit[],
  tables: readonly TableGroup[],
  keyValueLineIds: ReadonlySet<string>,
  bodyHeight: number,
  maxGapLines: number,
): { regions: KeyValueRegion[]; rest: Unit[]; tables: TableGroup[] } {
  if (keyValueLineIds.size === 0) return { regions: [], rest: [...units], tables: [...tables] };
  const isKv = (u: Unit): boolean => u.lines.some((l) => keyValueLineIds.has(l.line.id));
  const formTables = tables.filter((t) => {
    if (t.tableIds.length === 0) return false;
    const lines = t.units.flatMap((u) => u.lines);
    return lines.filter((l) => keyValueLineIds.has(l.line.id)).length >= 0.5 * lines.length;
  });
  const nodes: Node[] = [
    ...units.map((unit) => ({ box: unit, unit, keyValue: isKv(unit) })),
    ...formTables.map((table) => ({ box: table.box, table, keyValue: true })),
  ];
  nodes.sort((a, b) => a.box.y0 - b.box.y0 || a.box.x0 - b.box.x0);
  const maxGap = maxGapLines * bodyHeight;
  const up = new Map<Node, Node[]>();
  const down = new Map<Node, Node[]>();
  let minHeight = Number.POSITIVE_INFINITY;
  for (const n of nodes) minHeight = Math.min(minHeight, n.box.y1 - n.box.y0);
  const topAt = (k: number) => nodes[k]!.box.y0;
  for (let i = 0; i < nodes.length; i++) {
    const a = nodes[i]!;
    // Nodes starting less than half the smaller height below a are skipped below; the page's smallest height
    // bounds that from below, so a search finds where the scan can begin.
    const skip = 0.5 * Math.min(a.box.y1 - a.box.y0, minHeight);
    for (let j = Math.max(i + 1, lowerBound(nodes.length, topAt, a.box.y0 + skip)); j < nodes.length; j++) {
      segmentWork.steps++;
      const b = nodes[j]!;
      // Nodes are sorted by top edge, so every later node is at least as far below `a`.
      if (b.box.y0 - a.box.y1 > maxGap) break;
      if (b.box.y0 < a.box.y0 + 0.5 * Math.min(a.box.y1 - a.box.y0, b.box.y1 - b.box.y0)) continue;
      if (Math.min(a.box.x1, b.box.x1) - Math.max(a.box.x0, b.box.x0) <= 0) continue;
      append(down, a, b);
      append(up, b, a);
    }
  }
  const member = (n: Node): boolean =>
    n.keyValue || ((up.get(n) ?? []).some((m) => m.keyValue) && (down.get(n) ?? []).some((m) => m.keyValue));
  const parent = new Map<Node, Node>();
  const find = (n: Node): Node => {
    let root = n;
    while (parent.get(root) !== root) root = parent.get(root)!;
    parent.set(n, root);
    return root;
  };
  for (const n of nodes) if (member(n)) parent.set(n, n);
  for (const [a, below] of down) {
    if (!parent.has(a)) continue;
    for (const b of below) if (parent.has(b)) parent.set(find(b), find(a));
  }
  const groups = new Map<Node, Node[]>();
  for (const n of nodes) {
    if (!parent.has(n)) continue;
    const root = find(n);
    append(groups, root, n);
  }
  const regions: KeyValueRegion[] = [];
  const used = new Set<Unit>();
  const usedTables = new Set<TableGroup>();
  for (const group of groups.values()) {
    const regionUnits = group.flatMap((n) => (n.unit ? [n.unit] : []));
    const regionTables = group.flatMap((n) => (n.table ? [n.table] : []));
    const size = regionUnits.length + regionTables.reduce((s, t) => s + t.units.length, 0);
    // A lone table, or fewer than three rows, is not a region.
    if (size < 3 || regionUnits.length === 0) continue;
    for (const u of regionUnits) used.add(u);
    for (const t of regionTables) usedTables.add(t);
    const allUnits = [...regionUnits, ...regionTables.flatMap((t) => t.units)];
    regions.push({ units: rowsOf(allUnits).flat(), tables: regionTables, box: unionBox(allUnits) });
  }
  return {
    regions,
    rest: units.filter((u) => !used.has(u)),
    tables: tables.filter((t) => !usedTables.has(t)),
  };
}

/** Adds `value` to the list under `key` in place (copying the list each time would be quadratic). */
function append<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
