import { canonicalJson } from './canonical-json';

/** The first implementation (JSON.stringify with a sorting replacer): ids already derived from it must not change. */
const asFirstWritten = (value: unknown): string =>
  JSON.stringify(value, (_key, item: unknown) =>
    item !== null && typeof item === 'object' && !Array.isArray(item)
      ? Object.fromEntries(Object.entries(item).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : item,
  );

describe('canonical JSON', () => {
  it('ignores key order at every level', () =>
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: 'c' } })).toBe(canonicalJson({ a: { c: 'c', d: [1, { x: 1, y: 2 }] }, b: 1 })));
  it('keeps array order, which carries meaning', () => expect(canonicalJson({ a: [1, 2] })).not.toBe(canonicalJson({ a: [2, 1] })));
  it('leaves out undefined fields, as JSON does', () => expect(canonicalJson({ a: 1, b: undefined })).toBe(canonicalJson({ a: 1 })));

  it.each([
    ['nested objects and arrays', { z: [{ b: 2, a: [3, { d: null, c: 'é"\n' }] }], y: { x: { w: true } }, A: -0, a: 1.5e300 }],
    ['index-like keys, which JavaScript lists first in numeric order', { b: 1, 10: 'ten', 9: 'nine', '01': 'not an index', a: 2, 4294967295: 'too big' }],
    ['what JSON leaves out or turns into null', { f: () => 1, s: Symbol('s'), u: undefined, list: [undefined, () => 1, Symbol('t'), NaN, Infinity] }],
    ['holes in arrays', { list: [1, , 3] }],
    ['toJSON, as dates have', { at: new Date('2025-03-01T09:30:00.000Z'), custom: { toJSON: () => ({ b: 1, a: 2 }) } }],
    ['non-ASCII keys', { é: 1, e: 2, Z: 3, '': 4 }],
    ['strings JSON escapes', { 'k"\\': ['quote " backslash \\ tab \t nul \u0000 del \u007f', 'emoji 😀 lone \ud800 high', 'é ñ 中文'] }],
    ['a plain value', 'text'],
    ['null', null],
  ])('writes %s exactly as it was first written', (_name, value) => expect(canonicalJson(value)).toBe(asFirstWritten(value)));
});
