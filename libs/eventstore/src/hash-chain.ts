import { hash } from 'node:crypto';
import type { EventMetadata } from '@app/contracts';
import { canonicalJson } from './canonical-json';
import type { NewEvent, RecordedEvent } from './event-store.port';

/**
 * Tamper evidence (docs/architecture.md, "Tamper evidence"). Each stored event carries
 * hash = SHA-256(canonical JSON of { previousHash, globalPosition?, id, streamId, streamPosition, type, version,
 * metadata, dataHash }), dataHash = SHA-256(canonical JSON of its data), previousHash = the hash of the event
 * before it in its chain (null for the first). Changing, removing or reordering a stored event breaks a link.
 * The data enters only through dataHash, so data can later be erased (replaced by a tombstone keeping dataHash)
 * without breaking the chain.
 */

/**
 * What one chain links. 'store': the SQLite store, one chain in global order, global positions included.
 * 'stream': KurrentDB, one chain per stream (it has no transaction across streams), without global positions
 * (the server assigns them after the hash is computed).
 */
export type ChainScope = 'store' | 'stream';

/** The hash of each event and of the one before it, as a store keeps them. */
export interface ChainLink {
  hash: string;
  previousHash: string | null;
}

const sha256 = (text: string): string => hash('sha256', text, 'hex');

/** Only what every event carries besides its payload: adapters may store more (KurrentDB: version, ids). */
export const metadataOf = (event: EventMetadata): EventMetadata => ({
  correlationId: event.correlationId,
  causationId: event.causationId,
  actor: event.actor,
  occurredAt: event.occurredAt,
});

/** The fields of an event its hash covers; the data as written (JSON has no undefined: null). */
export type HashedEvent = Omit<RecordedEvent, 'globalPosition' | 'hash' | 'previousHash'> & { globalPosition?: string };

/** The hash `event` must carry when `previousHash` is the hash before it. Leave out globalPosition in a 'stream' chain. */
export const eventHash = (event: HashedEvent, previousHash: string | null): string =>
  sha256(
    canonicalJson({
      previousHash,
      globalPosition: event.globalPosition,
      id: event.id,
      streamId: event.streamId,
      streamPosition: event.streamPosition,
      type: event.type,
      version: event.version,
      metadata: metadataOf(event),
      dataHash: sha256(canonicalJson(event.data ?? null)),
    }),
  );

/**
 * The links of a batch appended after `previousHash`, in order: its first event takes stream position
 * `firstStreamPosition`, and global position `globalPosition(index)` in a 'store' chain.
 */
export const linkBatch = (
  streamId: string,
  events: NewEvent[],
  firstStreamPosition: number,
  previousHash: string | null,
  globalPosition?: (index: number) => string,
): ChainLink[] => {
  let previous = previousHash;
  return events.map((event, index) => {
    const hashed: HashedEvent = {
      id: event.id,
      type: event.type,
      version: event.version,
      data: event.data,
      correlationId: event.correlationId,
      causationId: event.causationId,
      actor: event.actor,
      occurredAt: event.occurredAt,
      streamId,
      streamPosition: firstStreamPosition + index,
      globalPosition: globalPosition?.(index),
    };
    const link = { hash: eventHash(hashed, previous), previousHash: previous };
    previous = link.hash;
    return link;
  });
};
