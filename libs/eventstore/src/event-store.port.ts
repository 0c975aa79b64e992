import type { EventEnvelope, EventMetadata } from '@app/contracts';

/** An event to append; its id must be deterministic where a retry could append it again. */
export interface NewEvent<T = unknown> extends EventMetadata {
  id: string;
  type: string;
  version: number;
  data: T;
}

/** An event as stored: stream position (revision, from 0) and an opaque global position. */
export interface RecordedEvent<T = unknown> extends EventEnvelope<T> {
  globalPosition: string;
  /** Its link in the store's hash chain (hash-chain.ts), for export and verification; set by stores that keep one. */
  hash?: string;
  /** The hash of the event before it in its chain; null for the first. */
  previousHash?: string | null;
}

/**
 * Expected state of a stream when appending:
 * - 'no_stream': the stream must not exist;
 * - 'any': no check;
 * - a number: the revision (stream position) of the stream's last event.
 */
export type ExpectedRevision = 'no_stream' | 'any' | number;

export interface AppendResult {
  /** Revision of the stream's last event after the append. */
  nextRevision: number;
  /** Global position of the last event appended (or of the existing one when the append was a duplicate). */
  position: string;
  /** True when every event of the batch was already stored (an idempotent retry): nothing was appended. */
  duplicate: boolean;
}

export interface Subscription {
  close(): Promise<void>;
}

export interface SubscribeOptions {
  /** Exclusive: events after this global position are delivered. Undefined means from the start. */
  from?: string;
  /** Most events handed to one call of the handler. */
  batchSize?: number;
  /**
   * Called with each error the subscription meets (the handler threw, a read or the connection failed). The
   * subscription does not stop: it retries the same batch, or reconnects, after a backoff.
   */
  onError?: (error: unknown) => void;
}

export interface EventStore {
  /**
   * Appends events atomically under an expected revision. Throws WrongExpectedRevisionError on a mismatch.
   * Appending events whose ids are already in the stream appends nothing and succeeds (idempotent retries).
   */
  append(streamId: string, events: NewEvent[], expected: ExpectedRevision): Promise<AppendResult>;
  /** The stream's events in order; an empty array when the stream does not exist. */
  readStream(streamId: string, options?: { fromRevision?: number }): Promise<RecordedEvent[]>;
  /** Events of all streams after `from` (exclusive), in global order, at most `limit`. */
  readAll(options?: { from?: string; limit?: number }): Promise<RecordedEvent[]>;
  /** Catches up from a checkpoint, then delivers new events as they are appended, in batches and in order. */
  subscribeToAll(handler: (events: RecordedEvent[]) => Promise<void>, options?: SubscribeOptions): Subscription;
  close(): Promise<void>;
}

/** A stream's state did not match the expected revision. */
export class WrongExpectedRevisionError extends Error {
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedRevision,
    readonly actual: number | 'no_stream',
  ) {
    super(`stream ${streamId}: expected revision ${String(expected)}, actual ${String(actual)}`);
    this.name = 'WrongExpectedRevisionError';
  }
}
