import { excludeSystemEvents, START, type AllStreamResolvedEvent, type KurrentDBClient } from '@kurrent/kurrentdb-client';
import type { Feed } from '../subscription/streaming-subscription';
import { fromKurrentRecord, isSystemRecord } from './event-mapping';
import { comparePositions, decodePosition } from './position';

/**
 * A catch-up subscription to $all as a Feed: the server replays from the position, then streams live events.
 * System events are filtered out server-side; anything at or before `from` is dropped here too, so a reconnect
 * can never hand over an event twice whatever the server's boundary semantics.
 */
export const kurrentAllFeed =
  (client: KurrentDBClient): Feed =>
  (from, sink) => {
    const after = from === undefined ? undefined : decodePosition(from);
    const subscription = client.subscribeToAll({
      fromPosition: after ?? START,
      filter: excludeSystemEvents(),
    });
    let failed = false;
    const fail = (error: unknown) => {
      if (failed) return;
      failed = true;
      sink.failed(error);
    };
    subscription.on('data', (resolved: AllStreamResolvedEvent) => {
      const record = resolved.event;
      if (!record || isSystemRecord(record)) return;
      if (after && comparePositions(record.position, after) <= 0) return;
      try {
        sink.event(fromKurrentRecord(record));
      } catch (error) {
        fail(error);
      }
    });
    subscription.on('error', (error: Error) => fail(error));
    // A catch-up subscription never ends on its own; if the stream ends, the server dropped it.
    subscription.on('end', () => fail(new Error('KurrentDB subscription to $all ended')));
    return {
      pause: () => subscription.pause(),
      resume: () => subscription.resume(),
      stop: () => subscription.unsubscribe(),
    };
  };
