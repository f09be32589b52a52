/**
 * The items (or what `valueOf` makes of each) by key, each list in the items' order, the keys in the order they
 * first appear.
 */
export function groupBy<T, K, V = T>(
  items: Iterable<T>,
  keyOf: (item: T) => K,
  valueOf: (item: T) => V = (item) => item as unknown as V,
): Map<K, V[]> {
  const groups = new Map<K, V[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(valueOf(item));
    else groups.set(key, [valueOf(item)]);
  }
  return groups;
}

/** The value under `key`, made by `make` and kept on first asking. */
export function remembered<K, V>(values: Map<K, V>, key: K, make: () => V): V {
  if (!values.has(key)) values.set(key, make());
  return values.get(key)!;
}
