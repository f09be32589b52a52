import { canonicalJson } from './canonical-json.js';

/** The definition: JSON.stringify of the plain value (JSON round trip) with its keys sorted at every depth. */
function reference(value: unknown): string {
  const sorted = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(sorted)
      : v !== null && typeof v === 'object'
        ? Object.fromEntries(
            Object.keys(v)
              .sort()
              .map((key) => [key, sorted((v as Record<string, unknown>)[key])]),
          )
        : v;
  return JSON.stringify(sorted(value === undefined ? null : JSON.parse(JSON.stringify(value))));
}

class Shift {
  b = 1;
  a = new Date(0);
}

describe('canonical JSON (the text every audit hash and idempotency key is taken of)', () => {
  const cases: [string, unknown][] = [
    ['an event', { z: 1, at: new Date(5), after: { status: 'credited', minutes: 240 }, before: null, actorId: null }],
    ['nested arrays and objects', { a: [{ d: 2, c: [3, { f: 1, e: 0 }] }], b: [] }],
    ['undefined, functions and symbols', { b: undefined, a: () => 1, c: Symbol('c'), d: [undefined, () => 1, 2] }],
    ['numbers', { neg: -0, sum: 0.1 + 0.2, tiny: 123e-20, big: 1e21, nan: NaN, inf: -Infinity }],
    ['strings to escape', { 'q"': 'a"\\\n\u2028\ud800', é: 1, e: 2, E: 3, '\ud83d\ude00': 4 }],
    ['integer-like keys (ordered first by JavaScript)', { 10: 'a', 9: 'b', x: 1, '01': 2 }],
    ['class instances and collections', { shift: new Shift(), map: new Map([[1, 2]]), set: new Set([1]) }],
    ['boxed primitives', { n: new Number(3), s: new String('s'), b: new Boolean(false) }],
    ['toJSON', { x: { toJSON: (key: string) => `${key}!` }, y: { toJSON: () => ({ q: 1, p: 2 }) } }],
    ['objects without a prototype', Object.assign(Object.create(null), { b: 1, a: 2 })],
    ['a parsed __proto__ key', JSON.parse('{"__proto__": {"b": 1, "a": 2}, "x": 1}')],
    ['holes and array members', { holes: new Array(2).fill(1, 1), extra: Object.assign([1, 2], { extra: 3 }) }],
    ['top-level values', [undefined, null, true, 'x', 1.5, new Date(7)]],
  ];

  it.each(cases)('writes %s as the definition does', (_, value) => {
    expect(canonicalJson(value)).toBe(reference(value));
  });

  it('writes a top-level undefined as null, and throws as JSON does on cycles and bigints', () => {
    expect(canonicalJson(undefined)).toBe('null');
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    expect(() => canonicalJson(cycle)).toThrow(TypeError);
    expect(() => canonicalJson({ n: 1n })).toThrow(TypeError);
  });
});
