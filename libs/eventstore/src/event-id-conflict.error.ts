/**
 * An append reused event ids in a way a retry never does: an id already stored in another stream, or a batch
 * of which only some ids are stored. Retrying will not help; the ids are wrong.
 */
export class EventIdConflictError extends Error {
  constructor(
    readonly streamId: string,
    readonly eventId: string,
    readonly reason: 'other_stream' | 'partial_batch',
    detail: string,
  ) {
    super(`stream ${streamId}: event id ${eventId} ${detail}`);
    this.name = 'EventIdConflictError';
  }
}
