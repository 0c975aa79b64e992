/**
 * A stored event this service cannot read: its type is unknown here, or its schema version is newer than the
 * service knows (written by a later release). Readers that follow the whole store set it aside and move on;
 * a command that needs the stream fails.
 */
export class UnreadableEventError extends Error {
  override name = 'UnreadableEventError';
  constructor(
    readonly eventId: string,
    readonly type: string,
    readonly version: number,
    readonly reason: string,
  ) {
    super(`event ${eventId} (${type} v${version}) cannot be read: ${reason}`);
  }
}
