import { canonicalJson } from './canonical-json';

describe('canonical JSON', () => {
  it('ignores key order at every level', () =>
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: 'c' } })).toBe(canonicalJson({ a: { c: 'c', d: [1, { x: 1, y: 2 }] }, b: 1 })));
  it('keeps array order, which carries meaning', () => expect(canonicalJson({ a: [1, 2] })).not.toBe(canonicalJson({ a: [2, 1] })));
  it('leaves out undefined fields, as JSON does', () => expect(canonicalJson({ a: 1, b: undefined })).toBe(canonicalJson({ a: 1 })));
});
