/**
 * JSON with object keys sorted at every depth, so equal values always give equal text (and equal hashes). Written
 * in one pass over plain data (what the audit trail and the idempotency keys hash, millions of times in a national
 * year); anything else (class instances, boxed primitives, numeric keys, cycles) takes the reference path, whose
 * text the one pass reproduces exactly.
 */
export function canonicalJson(value: unknown): string {
  try {
    const text = value === undefined ? 'null' : canonicalText(value, '');
    if (text !== undefined) return text;
  } catch {
    // Not plain data: the reference path gives its text, or its error.
  }
  return JSON.stringify(sortKeys(toPlain(value)));
}

/** Plain JSON data: Dates become ISO strings, undefined members disappear. */
export function toPlain<T>(value: T): unknown {
  return value === undefined ? null : JSON.parse(JSON.stringify(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]),
    );
  }
  return value;
}

class NotPlain extends Error {}

/** An object's integer-like keys come first whatever their sorted place: those objects take the reference path. */
const INDEX_KEY = /^(?:0|[1-9]\d*)$/;

/** JSON.stringify's text of `value` with sorted keys (undefined where it would leave the member out). */
function canonicalText(value: unknown, key: string): string | undefined {
  if (typeof value === 'object' && value !== null && typeof (value as { toJSON?: unknown }).toJSON === 'function')
    value = (value as { toJSON: (key: string) => unknown }).toJSON(key);
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      return Number.isFinite(value) ? String(value) : 'null';
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      if (value === null) return 'null';
      if (Array.isArray(value)) return arrayText(value);
      return objectText(value);
    case 'bigint':
      throw new NotPlain();
    default:
      return undefined;
  }
}

function arrayText(array: unknown[]): string {
  let text = '[';
  for (let i = 0; i < array.length; i++) text += (i ? ',' : '') + (canonicalText(array[i], String(i)) ?? 'null');
  return text + ']';
}

/** `"key":`, kept for the keys seen (a trail has few distinct ones); an integer-like key is not plain. */
const memberNames = new Map<string, string>();
function memberName(key: string): string {
  let name = memberNames.get(key);
  if (name === undefined) {
    if (INDEX_KEY.test(key)) throw new NotPlain();
    name = JSON.stringify(key) + ':';
    if (memberNames.size < 10_000) memberNames.set(key, name);
  }
  return name;
}

function objectText(object: object): string {
  const prototype = Object.getPrototypeOf(object);
  if (prototype !== Object.prototype && prototype !== null) throw new NotPlain();
  const keys = Object.keys(object).sort();
  let text = '{';
  for (const key of keys) {
    const member = canonicalText((object as Record<string, unknown>)[key], key);
    if (member !== undefined) text += (text.length > 1 ? ',' : '') + memberName(key) + member;
  }
  return text + '}';
}
