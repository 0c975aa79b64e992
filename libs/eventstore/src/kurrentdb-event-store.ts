import {
  BACKWARDS,
  END,
  ErrorType,
  excludeSystemEvents,
  KurrentDBClient,
  NO_STREAM,
  START,
  type AppendResult as KurrentAppendResult,
  type AppendStreamState,
  type CurrentStreamState,
  type ReadStreamOptions,
} from '@kurrent/kurrentdb-client';
import { EventIdConflictError } from './event-id-conflict.error';
import {
  WrongExpectedRevisionError,
  type AppendResult,
  type EventStore,
  type ExpectedRevision,
  type NewEvent,
  type RecordedEvent,
  type SubscribeOptions,
  type Subscription,
} from './event-store.port';
import { fromKurrentRecord, isSystemRecord, toEventData } from './kurrentdb/event-mapping';
import { kurrentAllFeed } from './kurrentdb/kurrent-feed';
import { comparePositions, decodePosition, encodePosition } from './kurrentdb/position';
import { defaultRetryPolicy, type RetryPolicy } from './subscription/deliver-batch';
import { StreamingSubscription } from './subscription/streaming-subscription';
import { OpenSubscriptions } from './subscription/open-subscriptions';
import { validateAppend } from './validate-append';
import { linkBatch, type ChainScope } from './hash-chain';

export interface KurrentDbEventStoreOptions {
  /** Backoff between retries of a failing handler and between resubscriptions after a dropped subscription. */
  retry?: RetryPolicy;
}

const errorType = (error: unknown): unknown =>
  typeof error === 'object' && error !== null && 'type' in error ? error.type : undefined;

/** Checked by the error's `type` tag rather than instanceof, which breaks if two copies of the client are loaded. */
const isWrongExpectedVersion = (error: unknown): error is { actualState: CurrentStreamState } =>
  errorType(error) === ErrorType.WRONG_EXPECTED_VERSION;

const isStreamNotFound = (error: unknown): boolean => errorType(error) === ErrorType.STREAM_NOT_FOUND;

const toStreamState = (expected: 'no_stream' | number): AppendStreamState => (expected === 'no_stream' ? NO_STREAM : BigInt(expected));

/** Appends under 'any' that lose the race for the stream's end this many times in a row give up. */
const anyAttempts = 10;

/** A batch retried under 'any' is recognised as a retry while fewer than this many events were appended after it. */
const anyRetryWindow = 32;

const toActual = (state: CurrentStreamState): number | 'no_stream' => (state === NO_STREAM ? 'no_stream' : Number(state));

/**
 * The event store on KurrentDB. Positions are `${commit}:${prepare}` (see kurrentdb/position.ts). Event ids that
 * are not UUIDs are mapped to UUID v5 (KurrentDB only takes UUIDs); our id, version and metadata travel in the
 * event's JSON metadata. Idempotent retries rely on the server's own idempotency check, then are looked up in
 * the stream so the result matches the SQLite adapter (current revision, position of the batch's last event).
 * Each event carries its link in its stream's hash chain (hash-chain.ts) in its metadata: one chain per stream,
 * as KurrentDB has no transaction across streams; the previous hash is that of the event at the expected revision.
 */
export class KurrentDbEventStore implements EventStore {
  /** One hash chain per stream: KurrentDB has no transaction across streams. */
  readonly chainScope: ChainScope = 'stream';
  private readonly client: KurrentDBClient;
  private readonly ownsClient: boolean;
  private readonly retry: RetryPolicy;
  private readonly subscriptions = new OpenSubscriptions<StreamingSubscription>();
  private closed = false;

  /** `connection`: a connection string such as kurrentdb://127.0.0.1:2113?tls=false, or a client to share. */
  constructor(connection: string | KurrentDBClient, options: KurrentDbEventStoreOptions = {}) {
    this.ownsClient = typeof connection === 'string';
    this.client = typeof connection === 'string' ? KurrentDBClient.connectionString(connection) : connection;
    this.retry = options.retry ?? defaultRetryPolicy;
  }

  async append(streamId: string, events: NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    validateAppend(streamId, events, expected);
    if (expected !== 'any') return this.appendAt(streamId, events, expected, await this.hashAt(streamId, expected));
    // 'any' still appends at the revision just read, so two writers cannot both chain onto the same event. The
    // server only recognises a retried batch sent with the revision it was first sent with: a batch whose ids are
    // among the stream's last events is looked up instead (a retry after a lost answer finds itself there).
    for (let attempt = 1; ; attempt++) {
      const tail = await this.readTail(streamId, events.length + anyRetryWindow);
      const ids = new Set(events.map((event) => event.id));
      const duplicate = tail.some((event) => ids.has(event.id)) ? await this.existingBatch(streamId, events) : undefined;
      if (duplicate) return duplicate;
      const last = tail[0];
      try {
        return await this.appendAt(streamId, events, last ? last.streamPosition : 'no_stream', last?.hash ?? null);
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError) || attempt >= anyAttempts) throw error;
      }
    }
  }

  /** Appends after `previousHash`, the hash of the stream's event at `expected` (none for a new stream). */
  private async appendAt(
    streamId: string,
    events: NewEvent[],
    expected: 'no_stream' | number,
    previousHash: string | null,
  ): Promise<AppendResult> {
    const links = linkBatch(streamId, events, expected === 'no_stream' ? 0 : expected + 1, previousHash);
    const data = events.map((event, index) => toEventData(event, links[index]));
    let outcome: KurrentAppendResult;
    try {
      outcome = await this.client.appendToStream(streamId, data, { streamState: toStreamState(expected) });
    } catch (error) {
      if (!isWrongExpectedVersion(error)) throw error;
      // A retry whose expected revision went stale: the server refuses it, but its events are already there.
      const existing = await this.existingBatch(streamId, events);
      if (existing) return existing;
      throw new WrongExpectedRevisionError(streamId, expected, toActual(error.actualState));
    }
    if (!outcome.success) {
      // Only when the connection string sets throwOnAppendFailure=false; the reported revision is unreliable then.
      const existing = await this.existingBatch(streamId, events);
      if (existing) return existing;
      throw new WrongExpectedRevisionError(streamId, expected, await this.lastRevision(streamId));
    }
    const nextRevision = Number(outcome.nextExpectedRevision);
    const freshRevision = expected === 'no_stream' ? events.length - 1 : expected + events.length;
    // The server answers an idempotent retry without a position, or with the revision of the original batch.
    if (outcome.position && nextRevision === freshRevision) {
      return { nextRevision, position: encodePosition(outcome.position), duplicate: false };
    }
    const existing = await this.existingBatch(streamId, events);
    if (existing) return existing;
    if (!outcome.position) throw new Error(`KurrentDB appended to ${streamId} without reporting a position`);
    return { nextRevision, position: encodePosition(outcome.position), duplicate: false };
  }

  /** The hash of the stream's event at `expected`; null for a new stream, or when that event is not there (the append then fails). */
  private async hashAt(streamId: string, expected: 'no_stream' | number): Promise<string | null> {
    if (expected === 'no_stream') return null;
    const [event] = await this.readStream(streamId, { fromRevision: expected, maxCount: 1 });
    return event?.streamPosition === expected ? (event.hash ?? null) : null;
  }

  /**
   * Import: appends events exported from a KurrentDB store as they were (ids, stream positions, hash links; the
   * server gives them new global positions, which the hashes do not cover). The caller checked the hashes.
   */
  async restore(events: RecordedEvent[]): Promise<void> {
    for (const event of events) {
      const link = { hash: event.hash ?? '', previousHash: event.previousHash ?? null };
      const expected = event.streamPosition === 0 ? 'no_stream' : event.streamPosition - 1;
      await this.client.appendToStream(event.streamId, [toEventData(event, link)], { streamState: toStreamState(expected) });
    }
  }

  async readStream(streamId: string, options: { fromRevision?: number; maxCount?: number } = {}): Promise<RecordedEvent[]> {
    const fromRevision = options.fromRevision === undefined ? START : BigInt(options.fromRevision);
    return this.readEvents(streamId, { fromRevision, maxCount: options.maxCount });
  }

  async readAll(options: { from?: string; limit?: number } = {}): Promise<RecordedEvent[]> {
    const after = options.from === undefined ? undefined : decodePosition(options.from);
    const limit = Math.floor(options.limit ?? Number.MAX_SAFE_INTEGER);
    if (limit <= 0) return [];
    const events: RecordedEvent[] = [];
    // A read from a position includes the event at it; ask for one more and drop it (the port's `from` is exclusive).
    const reading = this.client.readAll({
      fromPosition: after ?? START,
      maxCount: Math.min(Number.MAX_SAFE_INTEGER, limit + 1),
      filter: excludeSystemEvents(),
    });
    for await (const resolved of reading) {
      const record = resolved.event;
      if (!record || isSystemRecord(record)) continue;
      if (after && comparePositions(record.position, after) <= 0) continue;
      events.push(fromKurrentRecord(record));
      if (events.length >= limit) break;
    }
    return events;
  }

  subscribeToAll(handler: (events: RecordedEvent[]) => Promise<void>, options: SubscribeOptions = {}): Subscription {
    if (this.closed) throw new Error('KurrentDbEventStore is closed');
    // A malformed checkpoint would fail every resubscription; refuse it now rather than retry it forever.
    if (options.from !== undefined) decodePosition(options.from);
    const subscription = new StreamingSubscription(kurrentAllFeed(this.client), handler, { ...options, retry: this.retry });
    return this.subscriptions.add(subscription);
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.subscriptions.closeAll();
    if (this.ownsClient) await this.client.dispose();
  }

  /** Revision of the stream's last event, 'no_stream' when it has none. */
  private async lastRevision(streamId: string): Promise<number | 'no_stream'> {
    const [last] = await this.readTail(streamId, 1);
    return last ? last.streamPosition : 'no_stream';
  }

  /** The stream's last `count` events, newest first. */
  private readTail(streamId: string, count: number): Promise<RecordedEvent[]> {
    return this.readEvents(streamId, { direction: BACKWARDS, fromRevision: END, maxCount: count });
  }

  /** A stream's events as the options select them; none when the stream does not exist. */
  private async readEvents(streamId: string, options: ReadStreamOptions): Promise<RecordedEvent[]> {
    const events: RecordedEvent[] = [];
    try {
      for await (const resolved of this.client.readStream(streamId, options)) {
        if (resolved.event) events.push(fromKurrentRecord(resolved.event));
      }
    } catch (error) {
      if (isStreamNotFound(error)) return [];
      throw error;
    }
    return events;
  }

  /** The stored result of this batch if all its events are already in the stream; undefined if none are. */
  private async existingBatch(streamId: string, events: NewEvent[]): Promise<AppendResult | undefined> {
    return this.storedBatch(streamId, events, await this.readStream(streamId));
  }

  private storedBatch(streamId: string, events: NewEvent[], stored: RecordedEvent[]): AppendResult | undefined {
    const byId = new Map(stored.map((event) => [event.id, event]));
    const found = events.map((event) => byId.get(event.id));
    const missing = events.find((_, index) => !found[index]);
    const last = found[found.length - 1];
    if (!missing && last) {
      return { nextRevision: stored[stored.length - 1].streamPosition, position: last.globalPosition, duplicate: true };
    }
    const present = events.find((_, index) => found[index]);
    if (present && missing) {
      const detail = 'is new but other ids of its batch are stored: not a retry';
      throw new EventIdConflictError(streamId, missing.id, 'partial_batch', detail);
    }
    return undefined;
  }
}
