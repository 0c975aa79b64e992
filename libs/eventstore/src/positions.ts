/**
 * Global positions are opaque strings per adapter: SQLite uses a decimal integer, KurrentDB `commit:prepare`.
 * Both order by their numbers from left to right.
 */
export const compareGlobalPositions = (a: string, b: string): number => {
  const [left, right] = [a.split(':').map(BigInt), b.split(':').map(BigInt)];
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    const difference = (left[i] ?? 0n) - (right[i] ?? 0n);
    if (difference !== 0n) return difference < 0n ? -1 : 1;
  }
  return 0;
};
