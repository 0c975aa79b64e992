/**
 * A command was made against a revision of the stream that is no longer its latest (an If-Match that went
 * stale, or another change won the race). Unlike WrongExpectedRevisionError it is not retried: the caller
 * decided on what it read, and must read again.
 */
export class StaleRevisionError extends Error {
  constructor(
    readonly streamId: string,
    /** The revision the caller read. */
    readonly expected: number,
    /** The stream's revision now; -1 when the stream is empty. */
    readonly actual: number,
  ) {
    super(`stream ${streamId}: the command expected revision ${expected}, the stream is at ${actual}`);
    this.name = 'StaleRevisionError';
  }
}
