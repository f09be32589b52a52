/**
 * Items grouped by key in one counting sort, in their order: group k is `items[first[k]]` up to `items[first[k + 1]]`,
 * each item `values[i]` of the i-th key, or i itself without values. Keys are in [0, groups).
 */
export function groupByKey(
  keys: ArrayLike<number>,
  groups: number,
  values?: ArrayLike<number>,
): { first: Int32Array; items: Int32Array } {
  const first = new Int32Array(groups + 1);
  for (let i = 0; i < keys.length; i++) first[keys[i] + 1]++;
  for (let k = 0; k < groups; k++) first[k + 1] += first[k];
  const items = new Int32Array(keys.length);
  const fill = first.slice(0, groups);
  for (let i = 0; i < keys.length; i++) items[fill[keys[i]]++] = values ? values[i] : i;
  return { first, items };
}
