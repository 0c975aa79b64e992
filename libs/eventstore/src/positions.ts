/**
 * Global positions are opaque strings per adapter: SQLite uses a decimal integer, KurrentDB `commit:prepare`.
 * Both order by their first number, which is all a reader waiting for "at least this far" needs.
 */
export const compareGlobalPositions = (a: string, b: string): number => {
  const first = (position: string) => BigInt(position.split(':')[0]);
  const difference = first(a) - first(b);
  return difference === 0n ? 0 : difference < 0n ? -1 : 1;
};
