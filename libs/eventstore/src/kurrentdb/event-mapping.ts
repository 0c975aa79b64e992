import type { Actor, EventMetadata } from '@app/contracts';
import { jsonEvent, type EventData, type JSONType, type Position } from '@kurrent/kurrentdb-client';
import { v5 as uuidv5, validate as isUuid } from 'uuid';
import type { NewEvent, RecordedEvent } from '../event-store.port';
import type { ChainLink } from '../hash-chain';
import { encodePosition } from './position';

/** Namespace for turning non-UUID event ids into the UUIDs KurrentDB requires; fixed forever, ids depend on it. */
const eventIdNamespace = '6f0f3c1e-2b7d-5a9e-8c41-93d2b7e5a0f4';

/** KurrentDB ids must be UUIDs: a UUID id is used as is; any other id maps to the same UUID v5 every time. */
export const kurrentEventId = (id: string): string => (isUuid(id) ? id.toLowerCase() : uuidv5(id, eventIdNamespace));

/**
 * What we put in KurrentDB's event metadata. `eventId` keeps our id when it is not a UUID. `$correlationId` and
 * `$causationId` are KurrentDB's own names, so its by-correlation projection and UI understand our events.
 * `hash` and `previousHash` are the event's link in its stream's hash chain (hash-chain.ts).
 */
export interface StoredMetadata extends EventMetadata, ChainLink {
  version: number;
  eventId: string;
  $correlationId: string;
  $causationId: string;
}

export const toEventData = (event: NewEvent, link: ChainLink): EventData =>
  jsonEvent({
    id: kurrentEventId(event.id),
    type: event.type,
    // Payloads are JSON documents; the client serialises whatever it is given with JSON.stringify.
    data: (event.data ?? null) as JSONType,
    metadata: {
      correlationId: event.correlationId,
      causationId: event.causationId,
      actor: event.actor,
      occurredAt: event.occurredAt,
      version: event.version,
      eventId: event.id,
      $correlationId: event.correlationId,
      $causationId: event.causationId,
      hash: link.hash,
      previousHash: link.previousHash,
    } satisfies StoredMetadata,
  });

/** The fields of a KurrentDB recorded event this adapter reads (the client's own type is a deep conditional). */
export interface KurrentRecord {
  streamId: string;
  id: string;
  revision: bigint;
  type: string;
  created: Date;
  isJson: boolean;
  data: unknown;
  metadata: unknown;
  position?: Position;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);

const text = (value: unknown, fallback: string): string => (typeof value === 'string' ? value : fallback);

/** Events written by other tools have no actor; they get a neutral one rather than breaking a subscription. */
const unknownActor: Actor = {
  organisation: 'unknown',
  organisationType: 'unknown',
  user: 'unknown',
  role: 'unknown',
  federations: [],
};

export const fromKurrentRecord = (record: KurrentRecord): RecordedEvent => {
  if (!record.position) {
    throw new Error(`KurrentDB returned event ${record.id} of ${record.streamId} without a position (server older than 22.6?)`);
  }
  const metadata = isRecord(record.metadata) ? record.metadata : {};
  return {
    id: text(metadata.eventId, record.id),
    type: record.type,
    version: typeof metadata.version === 'number' ? metadata.version : 1,
    streamId: record.streamId,
    streamPosition: Number(record.revision),
    globalPosition: encodePosition(record.position),
    data: record.data,
    correlationId: text(metadata.correlationId, ''),
    causationId: text(metadata.causationId, ''),
    actor: isRecord(metadata.actor) ? (metadata.actor as unknown as Actor) : unknownActor,
    occurredAt: text(metadata.occurredAt, record.created.toISOString()),
    hash: typeof metadata.hash === 'string' ? metadata.hash : undefined,
    previousHash: typeof metadata.previousHash === 'string' ? metadata.previousHash : null,
  };
};

/** System streams and events ($-prefixed) are KurrentDB's own bookkeeping, never ours. */
export const isSystemRecord = (record: Pick<KurrentRecord, 'streamId' | 'type'>): boolean =>
  record.streamId.startsWith('$') || record.type.startsWith('$');
