import { compareGlobalPositions } from './positions';

describe('compareGlobalPositions', () => {
  it('orders SQLite positions numerically, not as text', () => {
    expect(compareGlobalPositions('9', '10')).toBe(-1);
    expect(compareGlobalPositions('10', '10')).toBe(0);
    expect(compareGlobalPositions('11', '10')).toBe(1);
  });
  it('orders KurrentDB positions by commit, then prepare', () => {
    expect(compareGlobalPositions('100:90', '100:95')).toBe(-1);
    expect(compareGlobalPositions('101:90', '100:95')).toBe(1);
    expect(compareGlobalPositions('100:95', '100:95')).toBe(0);
  });
});
