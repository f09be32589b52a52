/**
 * Items grouped by key in one counting sort, in their order: group k is `items[first[k]]` up to `items[first[k + 1]]`,
 * each item `values[i]` of the i-th key. Keys are in [0, groups).
 */
export function groupByKey(
  keys: Int32Array,
  groups: number,
  values: Int32Array,
): { first: Int32Array; items: Int32Array } {
  // Every property read before the loops: code compiled inside a loop (on-stack replacement) that then meets a read it
  // has no feedback for is thrown away, on every call (200 times a planning at M).
  const count = keys.length;
  const first = starts(keys, groups);
  const fill = first.slice(0, groups);
  const items = new Int32Array(count);
  for (let i = 0; i < count; i++) items[fill[keys[i]]++] = values[i];
  return { first, items };
}

/**
 * groupByKey with each item its key's index. Apart, not an optional `values`: one function taking both ways was
 * compiled for one and thrown away at the other, a dozen times a planning.
 */
export function groupIndicesByKey(keys: Int32Array, groups: number): { first: Int32Array; items: Int32Array } {
  const count = keys.length;
  const first = starts(keys, groups);
  const fill = first.slice(0, groups);
  const items = new Int32Array(count);
  for (let i = 0; i < count; i++) items[fill[keys[i]]++] = i;
  return { first, items };
}

/** Where each key's group starts among the items (and, last, their count). */
function starts(keys: Int32Array, groups: number): Int32Array {
  const count = keys.length;
  const first = new Int32Array(groups + 1);
  for (let i = 0; i < count; i++) first[keys[i] + 1]++;
  for (let k = 0; k < groups; k++) first[k + 1] += first[k];
  return first;
}
