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
import type { Statement, Transaction } from 'better-sqlite3';
import { Database } from './sqlite/driver';
import { sqliteErrorCode } from './sqlite/sqlite-error-code';
import { createPrivateFile } from './sqlite/private-file';
import { dataJson, eventColumns, metadataJson, parseGlobalPosition, toRecordedEvent, type EventRow } from './sqlite/event-row';
import { prepareSchema } from './sqlite/schema';
import { linkBatch, type ChainScope } from './hash-chain';
import { defaultRetryPolicy, type RetryPolicy } from './subscription/deliver-batch';
import { PollingSubscription } from './subscription/polling-subscription';
import { OpenSubscriptions } from './subscription/open-subscriptions';
import { RecentAppends } from './sqlite/recent-appends';
import { validateAppend } from './validate-append';

export interface SqliteEventStoreOptions {
  /** How often subscriptions look for appends made by other processes (this process's appends wake them at once). */
  pollIntervalMs?: number;
  /** How long a write waits for another process's write lock before failing with SQLITE_BUSY. */
  busyTimeoutMs?: number;
  /** Backoff between retries of a failing subscription handler. */
  retry?: RetryPolicy;
  /** WAL size (pages of 4 KiB) that triggers a checkpoint; larger is faster to append, uses more disk. */
  walAutocheckpointPages?: number;
}

interface StoredEventRef {
  stream_id: string;
  stream_position: number;
  global_position: number;
}

/** The store's last event, where the next append continues the hash chain. */
interface ChainHead {
  /** The last global position ever taken (AUTOINCREMENT never reuses one, even once its row is gone). */
  position: number;
  hash: string | null;
}

/** Where SQLite puts no file: nothing to create. */
const isAnonymous = (filename: string) => filename === '' || filename === ':memory:' || filename.startsWith('file:');

/**
 * An event store in one SQLite file, for a single node (several processes may share the file). Appends are
 * synchronous transactions under SQLite's single write lock, so global positions are committed in order and a
 * reader can never see position n+1 before n.
 */
export class SqliteEventStore implements EventStore {
  /** One hash chain over the whole store, global positions included. */
  readonly chainScope: ChainScope = 'store';
  private readonly db: Database;
  private readonly pollIntervalMs: number;
  private readonly retry: RetryPolicy;
  private readonly subscriptions = new OpenSubscriptions<PollingSubscription>();
  private closed = false;
  private readonly statements: {
    findById: Statement<unknown[], StoredEventRef>;
    revision: Statement<unknown[], { stream_position: number }>;
    insert: Statement<unknown[], never>;
    readStream: Statement<unknown[], EventRow>;
    readAll: Statement<unknown[], EventRow>;
    lastPosition: Statement<[], number>;
    lastHash: Statement<[], string | null>;
  };
  private readonly appendTransaction: Transaction<
    (streamId: string, events: NewEvent[], expected: ExpectedRevision) => { result: AppendResult; rows: EventRow[] }
  >;
  /** Cached between appends; dropped whenever another connection may have appended (see `dataVersion`). */
  private head?: ChainHead;
  private readonly restoreTransaction: Transaction<(events: RecordedEvent[]) => void>;
  private readonly recent = new RecentAppends(4096);
  /** SQLite's data_version changes only when another connection commits: then `recent` and `head` may be stale. */
  private readonly dataVersion: Statement<[], number>;
  private lastDataVersion: number;

  constructor(filename: string, options: SqliteEventStoreOptions = {}) {
    if (!isAnonymous(filename)) createPrivateFile(filename);
    const busyTimeoutMs = options.busyTimeoutMs ?? 5_000;
    this.pollIntervalMs = options.pollIntervalMs ?? 200;
    this.retry = options.retry ?? defaultRetryPolicy;
    this.db = new Database(filename, { timeout: busyTimeoutMs });
    prepareSchema(this.db, { busyTimeoutMs, walAutocheckpointPages: options.walAutocheckpointPages ?? 10_000 });
    this.statements = {
      findById: this.db.prepare('SELECT stream_id, stream_position, global_position FROM events WHERE id = ?'),
      revision: this.db.prepare('SELECT stream_position FROM events WHERE stream_id = ? ORDER BY stream_position DESC LIMIT 1'),
      // The position is given, not left to AUTOINCREMENT: the event's hash covers it.
      insert: this.db.prepare(
        `INSERT INTO events (${eventColumns}) VALUES (@global_position, @id, @stream_id, @stream_position, @type, @version, @data, @metadata, @hash, @previous_hash)`,
      ),
      readStream: this.db.prepare(
        `SELECT ${eventColumns} FROM events WHERE stream_id = ? AND stream_position >= ? ORDER BY stream_position`,
      ),
      // LIMIT -1 means no limit in SQLite.
      readAll: this.db.prepare(`SELECT ${eventColumns} FROM events WHERE global_position > ? ORDER BY global_position LIMIT ?`),
      lastPosition: this.db.prepare<[], number>("SELECT seq FROM sqlite_sequence WHERE name = 'events'").pluck(),
      lastHash: this.db.prepare<[], string | null>('SELECT hash FROM events ORDER BY global_position DESC LIMIT 1').pluck(),
    };
    this.dataVersion = this.db.prepare<[], number>('PRAGMA data_version').pluck();
    this.lastDataVersion = this.dataVersion.get()!;
    this.appendTransaction = this.db.transaction((streamId: string, events: NewEvent[], expected: ExpectedRevision) =>
      this.appendInTransaction(streamId, events, expected),
    );
    this.restoreTransaction = this.db.transaction((events: RecordedEvent[]) => this.restoreInTransaction(events));
  }

  async append(streamId: string, events: NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    validateAppend(streamId, events, expected);
    let appended: { result: AppendResult; rows: EventRow[] };
    try {
      // IMMEDIATE takes the write lock before reading the revision, so no other process can append in between.
      appended = this.appendTransaction.immediate(streamId, events, expected);
    } catch (error) {
      throw this.explainUniqueViolation(error, streamId, events);
    }
    const last = appended.rows[appended.rows.length - 1];
    if (last) this.head = { position: last.global_position, hash: last.hash };
    this.recent.add(appended.rows.map(toRecordedEvent));
    for (const subscription of this.subscriptions) subscription.notify();
    return appended.result;
  }

  /**
   * Import: stores events exported from a SQLite store as they were, global positions and hashes included (the
   * caller checked the hashes). Each must follow the store's last event in the chain, so the chain stays whole.
   */
  async restore(events: RecordedEvent[]): Promise<void> {
    try {
      this.restoreTransaction.immediate(events);
    } finally {
      this.head = undefined;
    }
    for (const subscription of this.subscriptions) subscription.notify();
  }

  async readStream(streamId: string, options: { fromRevision?: number } = {}): Promise<RecordedEvent[]> {
    return this.statements.readStream.all(streamId, options.fromRevision ?? 0).map(toRecordedEvent);
  }

  async readAll(options: { from?: string; limit?: number } = {}): Promise<RecordedEvent[]> {
    return this.readPage(options.from, options.limit);
  }

  subscribeToAll(handler: (events: RecordedEvent[]) => Promise<void>, options: SubscribeOptions = {}): Subscription {
    if (this.closed) throw new Error('SqliteEventStore is closed');
    // A malformed checkpoint would fail every read; refuse it now rather than retry it forever.
    parseGlobalPosition(options.from);
    const subscription = new PollingSubscription((from, limit) => this.readPage(from, limit), handler, {
      ...options,
      pollIntervalMs: this.pollIntervalMs,
      retry: this.retry,
    });
    return this.subscriptions.add(subscription);
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.subscriptions.closeAll();
    if (this.db.open) this.db.close();
  }

  private readPage(from: string | undefined, limit: number | undefined): RecordedEvent[] {
    const position = parseGlobalPosition(from);
    const rows = limit === undefined ? -1 : Math.max(0, Math.floor(limit));
    this.forgetWhatOthersChanged();
    const recent = rows >= 0 ? this.recent.after(position, rows) : undefined;
    return recent ?? this.statements.readAll.all(position, rows).map(toRecordedEvent);
  }

  /** Drops what is cached about the file when another connection committed since the last look. */
  private forgetWhatOthersChanged(): void {
    const version = this.dataVersion.get()!;
    if (version === this.lastDataVersion) return;
    this.lastDataVersion = version;
    this.recent.clear();
    this.head = undefined;
  }

  private readHead(): ChainHead {
    return { position: this.statements.lastPosition.get() ?? 0, hash: this.statements.lastHash.get() ?? null };
  }

  private currentRevision(streamId: string): number {
    return this.statements.revision.get(streamId)?.stream_position ?? -1;
  }

  private appendInTransaction(
    streamId: string,
    events: NewEvent[],
    expected: ExpectedRevision,
  ): { result: AppendResult; rows: EventRow[] } {
    // Retries first: a retried batch succeeds even when the stream has moved on since the first attempt.
    const duplicate = this.existingBatch(streamId, events);
    if (duplicate) return { result: duplicate, rows: [] };

    const current = this.currentRevision(streamId);
    const matches = expected === 'any' || (expected === 'no_stream' ? current === -1 : current === expected);
    if (!matches) throw new WrongExpectedRevisionError(streamId, expected, current === -1 ? 'no_stream' : current);

    // Under the write lock: no other connection can append between reading the head and inserting after it.
    this.forgetWhatOthersChanged();
    const head = this.head ?? this.readHead();
    const links = linkBatch(streamId, events, current + 1, head.hash, (index) => String(head.position + 1 + index));
    const rows = events.map((event, index): EventRow => {
      const row: EventRow = {
        global_position: head.position + 1 + index,
        id: event.id,
        stream_id: streamId,
        stream_position: current + 1 + index,
        type: event.type,
        version: event.version,
        data: dataJson(event),
        metadata: metadataJson(event),
        hash: links[index].hash,
        previous_hash: links[index].previousHash,
      };
      this.statements.insert.run(row);
      return row;
    });
    return {
      result: { nextRevision: current + events.length, position: String(rows[rows.length - 1].global_position), duplicate: false },
      rows,
    };
  }

  private restoreInTransaction(events: RecordedEvent[]): void {
    this.forgetWhatOthersChanged();
    let head = this.head ?? this.readHead();
    for (const event of events) {
      const position = parseGlobalPosition(event.globalPosition);
      if (position <= head.position || (event.previousHash ?? null) !== head.hash) {
        throw new RangeError(`event ${event.id} at ${event.globalPosition} does not follow the store's last event (position ${head.position})`);
      }
      const row: EventRow = {
        global_position: position,
        id: event.id,
        stream_id: event.streamId,
        stream_position: event.streamPosition,
        type: event.type,
        version: event.version,
        data: dataJson(event),
        metadata: metadataJson(event),
        hash: event.hash ?? null,
        previous_hash: head.hash,
      };
      this.statements.insert.run(row);
      head = { position, hash: row.hash };
    }
  }

  /** The stored result of this batch when it was appended before; undefined when its first id is new. */
  private existingBatch(streamId: string, events: NewEvent[]): AppendResult | undefined {
    const first = this.statements.findById.get(events[0].id);
    if (!first) return undefined;
    let last = first;
    for (const event of events) {
      const stored = event === events[0] ? first : this.statements.findById.get(event.id);
      if (!stored) {
        const detail = 'is new but earlier ids of its batch are stored: not a retry';
        throw new EventIdConflictError(streamId, event.id, 'partial_batch', detail);
      }
      if (stored.stream_id !== streamId) {
        throw new EventIdConflictError(streamId, event.id, 'other_stream', `is already stored in stream ${stored.stream_id}`);
      }
      last = stored;
    }
    return { nextRevision: this.currentRevision(streamId), position: String(last.global_position), duplicate: true };
  }

  /** A new first id with a stored later id hits the UNIQUE index mid-batch; say which id and where it lives. */
  private explainUniqueViolation(error: unknown, streamId: string, events: NewEvent[]): unknown {
    if (sqliteErrorCode(error) !== 'SQLITE_CONSTRAINT_UNIQUE' || !String(error).includes('events.id')) return error;
    for (const event of events) {
      const stored = this.statements.findById.get(event.id);
      if (stored) {
        const where = stored.stream_id === streamId ? 'this stream' : `stream ${stored.stream_id}`;
        return new EventIdConflictError(
          streamId,
          event.id,
          stored.stream_id === streamId ? 'partial_batch' : 'other_stream',
          `is already stored in ${where} while the batch's first id is new: not a retry`,
        );
      }
    }
    return error;
  }
}
