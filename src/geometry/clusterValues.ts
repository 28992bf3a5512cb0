/**
 * 1-D single-linkage clustering of numbers: sorts them and splits wherever two neighbours differ by more than
 * `maxGap`. Returns groups of input indices, groups ordered by value and indices ascending inside each group —
 * e.g. left-edge classes for indentation, or font-size classes. O(n log n), independent of input order.
 * Non-finite values are left out.
 *
 * @example
 * ```ts
 * clusterValues([72, 90, 72.5, 300, 89], 2); // [[0, 2], [1, 4], [3]]
 * ```
 */
export function clusterValues(values: readonly number[], maxGap: number): number[][] {
  const order = values.map((_, index) => index).filter((index) => Number.isFinite(values[index]));
  order.sort((a, b) => (values[a] as number) - (values[b] as number) || a - b);
  const groups: number[][] = [];
  let current: number[] = [];
  let previous = 0;
  for (const index of order) {
    const value = values[index] as number;
    if (current.length > 0 && value - previous > maxGap) {
      groups.push(current.sort((a, b) => a - b));
      current = [];
    }
    current.push(index);
    previous = value;
  }
  if (current.length > 0) groups.push(current.sort((a, b) => a - b));
  return groups;
}
