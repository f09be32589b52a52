/** A column of numbers, one per item (a candidate, an arc): the planner's tables are typed arrays side by side. */
export type Column = Int32Array | Float64Array | Uint8Array;

/** The column copied to the start of one twice as long (16 at least), for a table filled past its size. */
export function doubled<T extends Column>(column: T): T {
  const larger = new (column.constructor as new (length: number) => T)(Math.max(16, column.length * 2));
  larger.set(column);
  return larger;
}

/** The column's values at the given positions, in their order. */
export function gathered(column: Int32Array, at: Int32Array): Int32Array {
  const values = new Int32Array(at.length);
  for (let i = 0; i < at.length; i++) values[i] = column[at[i]];
  return values;
}
