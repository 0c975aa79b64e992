import type { EventMetadata } from '@app/contracts';
import type { NewEvent, RecordedEvent } from '../event-store.port';
import { metadataOf } from '../hash-chain';

/** A row of the events table (sqlite/schema.ts). */
export interface EventRow {
  global_position: number;
  id: string;
  stream_id: string;
  stream_position: number;
  type: string;
  version: number;
  data: string;
  metadata: string;
  /** Null only in a row someone wrote around the store: verification reports it. */
  hash: string | null;
  previous_hash: string | null;
}

/** Every column of a row, in the order of EventRow. */
export const eventColumns = 'global_position, id, stream_id, stream_position, type, version, data, metadata, hash, previous_hash';

/** The metadata column: what every event carries besides its payload. */
export const metadataJson = (event: NewEvent): string => JSON.stringify(metadataOf(event));

/** JSON has no `undefined`; store it as null so the column always holds valid JSON. */
export const dataJson = (event: NewEvent): string => JSON.stringify(event.data) ?? 'null';

export const toRecordedEvent = (row: EventRow): RecordedEvent => {
  const metadata = JSON.parse(row.metadata) as EventMetadata;
  return {
    id: row.id,
    type: row.type,
    version: row.version,
    streamId: row.stream_id,
    streamPosition: row.stream_position,
    globalPosition: String(row.global_position),
    data: JSON.parse(row.data) as unknown,
    correlationId: metadata.correlationId,
    causationId: metadata.causationId,
    actor: metadata.actor,
    occurredAt: metadata.occurredAt,
    hash: row.hash ?? undefined,
    previousHash: row.previous_hash,
  };
};

/** SQLite global positions are rowids written as decimal strings; anything else is another adapter's position. */
export const parseGlobalPosition = (position: string | undefined): number => {
  if (position === undefined) return 0;
  const value = /^\d+$/.test(position) ? Number(position) : Number.NaN;
  if (!Number.isSafeInteger(value)) throw new RangeError(`not a SQLite event store position: ${JSON.stringify(position)}`);
  return value;
};
