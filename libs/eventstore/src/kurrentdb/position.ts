import type { Position } from '@kurrent/kurrentdb-client';

/**
 * KurrentDB positions in $all are (commit, prepare) pairs of 64-bit log offsets. The port wants an opaque string,
 * so a position travels as `${commit}:${prepare}` in decimal, e.g. "1234:1234". Both parts are kept because
 * events written in one transaction share a commit position and differ by prepare position. Ordering is by
 * commit, then prepare, which is what the server's log order is.
 */
export const encodePosition = (position: Position): string => `${position.commit}:${position.prepare}`;

export const decodePosition = (encoded: string): Position => {
  const match = /^(\d+):(\d+)$/.exec(encoded);
  if (!match) throw new RangeError(`not a KurrentDB event store position (commit:prepare): ${JSON.stringify(encoded)}`);
  return { commit: BigInt(match[1]), prepare: BigInt(match[2]) };
};

export const comparePositions = (a: Position, b: Position): number => {
  if (a.commit !== b.commit) return a.commit < b.commit ? -1 : 1;
  if (a.prepare !== b.prepare) return a.prepare < b.prepare ? -1 : 1;
  return 0;
};
