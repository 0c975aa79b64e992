import { randomUUID } from 'node:crypto';
import { PassThrough } from 'node:stream';
import {
  ANY,
  NO_STREAM,
  START,
  StreamNotFoundError,
  WrongExpectedVersionError,
  type AllStreamResolvedEvent,
  type AppendResult,
  type AppendStreamState,
  type EventData,
  type Filter,
  type KurrentDBClient,
  type Position,
  type ReadPosition,
  type ReadRevision,
} from '@kurrent/kurrentdb-client';

interface StoredRecord {
  streamId: string;
  id: string;
  revision: bigint;
  type: string;
  created: Date;
  isJson: true;
  /** Kept as the JSON text the real client sends, so anything that does not survive JSON shows up in tests. */
  data: string;
  metadata: string;
  position: Position;
}

const resolved = (record: StoredRecord): AllStreamResolvedEvent => ({
  event: {
    streamId: record.streamId,
    id: record.id,
    revision: record.revision,
    type: record.type,
    created: record.created,
    isJson: true,
    data: JSON.parse(record.data) as Record<string, unknown>,
    metadata: JSON.parse(record.metadata) as Record<string, unknown>,
    position: record.position,
  },
  commitPosition: record.position.commit,
});

const after = (position: Position, from: Position) =>
  position.commit > from.commit || (position.commit === from.commit && position.prepare > from.prepare);

const passes = (record: StoredRecord, filter: Filter | undefined) =>
  !filter || !('regex' in filter) || new RegExp(filter.regex).test(filter.filterOn === 'eventType' ? record.type : record.streamId);

/**
 * An in-memory stand-in for the parts of KurrentDBClient the adapter uses, following the server's documented
 * behaviour: appends check the expected state, an exact retry is idempotent and answered without a position,
 * readStream of a missing stream fails with StreamNotFoundError while iterating, readAll from a position
 * includes the event at it, subscribeToAll from a position starts after it. It checks our use of the client,
 * not the server: the contract against a real KurrentDB (EVENTSTORE_URL) remains the proof.
 */
export class FakeKurrentDbClient {
  private readonly log: StoredRecord[] = [];
  private readonly streams = new Map<string, StoredRecord[]>();
  private readonly live = new Set<(record: StoredRecord) => void>();
  private nextOffset = 100n;
  disposed = false;

  /** Writes a record as KurrentDB itself would (stats, metadata), to check system events are filtered out. */
  writeSystemEvent(streamId: string, type: string): void {
    this.store(streamId, [{ id: randomUUID(), type, data: {}, metadata: {} }]);
  }

  asClient(): KurrentDBClient {
    return this as unknown as KurrentDBClient;
  }

  async appendToStream(
    streamName: string,
    events: EventData | EventData[],
    options: { streamState?: AppendStreamState } = {},
  ): Promise<AppendResult> {
    const batch = Array.isArray(events) ? events : [events];
    const expected = options.streamState ?? ANY;
    // Let concurrent appends interleave as they would over the network; the server then handles them one by one.
    await new Promise((resolve) => setImmediate(resolve));
    const stream = this.streams.get(streamName) ?? [];
    const current = BigInt(stream.length - 1);
    const idempotent = this.idempotentRevision(stream, batch, expected);
    if (idempotent !== undefined) return { success: true, nextExpectedRevision: idempotent, position: undefined };
    const matches =
      expected === ANY ||
      (expected === NO_STREAM ? stream.length === 0 : expected === 'stream_exists' ? stream.length > 0 : expected === current);
    if (!matches) {
      throw new WrongExpectedVersionError(undefined, { streamName, expected, current: current < 0n ? NO_STREAM : current });
    }
    const last = this.store(streamName, batch);
    return { success: true, nextExpectedRevision: last.revision, position: last.position };
  }

  async *readStream(
    streamName: string,
    options: { fromRevision?: ReadRevision; direction?: string; maxCount?: number | bigint } = {},
  ): AsyncGenerator<AllStreamResolvedEvent> {
    await Promise.resolve();
    const stream = this.streams.get(streamName);
    if (!stream) throw new StreamNotFoundError(undefined, streamName);
    const backwards = options.direction === 'backwards';
    const ordered = backwards ? [...stream].reverse() : stream;
    const from = typeof options.fromRevision === 'bigint' ? options.fromRevision : undefined;
    let count = 0n;
    const max = BigInt(options.maxCount ?? Number.MAX_SAFE_INTEGER);
    for (const record of ordered) {
      if (from !== undefined && (backwards ? record.revision > from : record.revision < from)) continue;
      if (count++ >= max) return;
      yield resolved(record);
    }
  }

  async *readAll(
    options: { fromPosition?: ReadPosition; maxCount?: number | bigint; filter?: Filter } = {},
  ): AsyncGenerator<AllStreamResolvedEvent> {
    await Promise.resolve();
    const from = typeof options.fromPosition === 'object' ? options.fromPosition : undefined;
    const max = BigInt(options.maxCount ?? Number.MAX_SAFE_INTEGER);
    let count = 0n;
    for (const record of [...this.log]) {
      if (from && after(from, record.position)) continue;
      if (!passes(record, options.filter)) continue;
      if (count++ >= max) return;
      yield resolved(record);
    }
  }

  subscribeToAll(options: { fromPosition?: ReadPosition; filter?: Filter } = {}): PassThrough & { unsubscribe(): Promise<void> } {
    const from = options.fromPosition === START || options.fromPosition === undefined ? undefined : options.fromPosition;
    const subscription = Object.assign(new PassThrough({ objectMode: true, highWaterMark: 4 }), {
      unsubscribe: async () => {
        this.live.delete(push);
        subscription.destroy();
      },
    });
    const push = (record: StoredRecord) => {
      if ((from === 'end' || !from || after(record.position, from)) && passes(record, options.filter)) {
        subscription.write(resolved(record));
      }
    };
    // Catch up on a later tick, as the server's first response arrives after the call returns.
    setImmediate(() => {
      if (subscription.destroyed) return;
      if (from !== 'end') for (const record of this.log) push(record);
      this.live.add(push);
    });
    return subscription;
  }

  async dispose(): Promise<void> {
    this.disposed = true;
  }

  /** The server's idempotency check: the same ids already at the positions this append would take. */
  private idempotentRevision(stream: StoredRecord[], batch: EventData[], expected: AppendStreamState): bigint | undefined {
    const start =
      expected === ANY || expected === 'stream_exists'
        ? stream.findIndex((record) => record.id === batch[0].id)
        : expected === NO_STREAM
          ? 0
          : Number(expected) + 1;
    if (start < 0 || start + batch.length > stream.length) return undefined;
    const same = batch.every((event, index) => stream[start + index].id === event.id);
    return same ? stream[start + batch.length - 1].revision : undefined;
  }

  private store(streamId: string, batch: { id: string; type: string; data: unknown; metadata: unknown }[]): StoredRecord {
    const stream = this.streams.get(streamId) ?? [];
    this.streams.set(streamId, stream);
    const commit = this.nextOffset;
    const written: StoredRecord[] = [];
    for (const event of batch) {
      const prepare = this.nextOffset;
      this.nextOffset += 10n;
      const record: StoredRecord = {
        streamId,
        id: event.id,
        revision: BigInt(stream.length),
        type: event.type,
        created: new Date(),
        isJson: true,
        data: JSON.stringify(event.data),
        metadata: JSON.stringify(event.metadata ?? {}),
        // One transaction shares its commit position; events within it differ by prepare position.
        position: { commit, prepare },
      };
      stream.push(record);
      this.log.push(record);
      written.push(record);
    }
    for (const record of written) for (const notify of this.live) notify(record);
    return written[written.length - 1];
  }
}
