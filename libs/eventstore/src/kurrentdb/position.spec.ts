import { comparePositions, decodePosition, encodePosition } from './position';

describe('KurrentDB positions', () => {
  it('travel as commit:prepare in decimal and come back unchanged', () => {
    const position = { commit: 18446744073709551615n, prepare: 12n };

    expect(encodePosition(position)).toBe('18446744073709551615:12');
    expect(decodePosition(encodePosition(position))).toEqual(position);
  });

  it('order by commit, then prepare', () => {
    const at = (commit: bigint, prepare: bigint) => ({ commit, prepare });

    expect(comparePositions(at(1n, 9n), at(2n, 0n))).toBe(-1);
    expect(comparePositions(at(2n, 3n), at(2n, 2n))).toBe(1);
    expect(comparePositions(at(2n, 2n), at(2n, 2n))).toBe(0);
  });

  it('refuses strings that are not positions of this adapter', () => {
    expect(() => decodePosition('42')).toThrow(RangeError);
    expect(() => decodePosition('1:-2')).toThrow(RangeError);
  });
});
