/**
 * A global position (an opaque string of decimal numbers separated by `:`, e.g. SQLite's `42` or KurrentDB's
 * `commit:prepare`) as a string that sorts like the position: each number padded to 20 digits (2^64 fits), so a
 * database compares positions with a plain string comparison.
 */
export const positionKey = (position: string): string => {
  if (/^\d{1,20}$/.test(position)) return position.padStart(20, '0'); // one number (SQLite): once per write in a replay
  return position
    .split(':')
    .map((part) => {
      if (!/^\d{1,20}$/.test(part)) throw new TypeError(`not a global position: ${position}`);
      return part.padStart(20, '0');
    })
    .join(':');
};
