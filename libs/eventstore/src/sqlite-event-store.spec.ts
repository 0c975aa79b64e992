import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { systemActor } from '@app/contracts';
import { EventIdConflictError } from './event-id-conflict.error';
import type { NewEvent, RecordedEvent } from './event-store.port';
import { SqliteEventStore, type SqliteEventStoreOptions } from './sqlite-event-store';
import { describeEventStoreContract } from './testing/event-store.contract';

const fastRetry = { minDelayMs: 20, maxDelayMs: 200 };

const tempDir = () => mkdtempSync(join(tmpdir(), 'eventstore-sqlite-'));

describeEventStoreContract('SqliteEventStore', async () => {
  const dir = tempDir();
  const store = new SqliteEventStore(join(dir, 'events.db'), { retry: fastRetry });
  return {
    store,
    cleanup: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

const event = (type: string, id: string = randomUUID()): NewEvent => ({
  id,
  type,
  version: 1,
  data: { type },
  correlationId: 'correlation',
  causationId: 'causation',
  actor: systemActor('eventstore-spec'),
  occurredAt: '2025-03-01T09:30:00.000Z',
});

const waitFor = async (condition: () => boolean, what: string, timeoutMs = 5_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
};

describe('SqliteEventStore (SQLite specifics)', () => {
  let dir: string;
  const open: SqliteEventStore[] = [];
  const openStore = (file = join(dir, 'events.db'), options: SqliteEventStoreOptions = {}) => {
    const store = new SqliteEventStore(file, { retry: fastRetry, ...options });
    open.push(store);
    return store;
  };

  beforeEach(() => {
    dir = tempDir();
  });

  afterEach(async () => {
    await Promise.all(open.splice(0).map((store) => store.close()));
    rmSync(dir, { recursive: true, force: true });
  });

  it('creates the folder its file lives in', async () => {
    const file = join(dir, 'nested', 'deeper', 'events.db');
    const store = openStore(file);

    await store.append('booking-1', [event('BookingRequested')], 'no_stream');

    expect(existsSync(file)).toBe(true);
  });

  it('keeps events and positions across a reopen, and continues positions after them', async () => {
    const first = openStore();
    await first.append('slot-1', [event('SlotCreated'), event('SlotOpened')], 'no_stream');
    await first.append('slot-2', [event('SlotCreated')], 'no_stream');
    const before = await first.readAll();
    await first.close();

    const reopened = openStore();
    expect(await reopened.readAll()).toEqual(before);
    const next = await reopened.append('slot-1', [event('SlotClosed')], 1);

    expect(next.nextRevision).toBe(2);
    expect(Number(next.position)).toBeGreaterThan(Number(before[before.length - 1].globalPosition));
  });

  it('uses decimal global positions that increase with every event', async () => {
    const store = openStore();
    await store.append('a', [event('A0'), event('A1')], 'no_stream');
    await store.append('b', [event('B0')], 'no_stream');

    const positions = (await store.readAll()).map((recorded) => recorded.globalPosition);

    expect(positions).toEqual(['1', '2', '3']);
  });

  it('lets a second instance on the same file see the first one’s appends through polling', async () => {
    const writer = openStore();
    const reader = openStore(undefined, { pollIntervalMs: 50 });
    const received: RecordedEvent[] = [];
    reader.subscribeToAll(async (events) => {
      received.push(...events);
    });
    await new Promise((resolve) => setTimeout(resolve, 100));

    await writer.append('booking-1', [event('BookingRequested')], 'no_stream');
    await writer.append('booking-1', [event('BookingConfirmed')], 0);
    await waitFor(() => received.length === 2, 'the other instance’s events');

    expect(received.map((recorded) => recorded.type)).toEqual(['BookingRequested', 'BookingConfirmed']);
  });

  it('delivers every event, in order and without gaps, when two instances append to one file in turn', async () => {
    const mine = openStore(undefined, { pollIntervalMs: 20 });
    const theirs = openStore();
    const received: RecordedEvent[] = [];
    mine.subscribeToAll(async (events) => {
      received.push(...events);
    });
    const writers = [mine, theirs, mine, mine, theirs, theirs, mine, theirs, mine, theirs];
    for (const [index, writer] of writers.entries()) {
      await writer.append(`stream-${index}`, [event(`E${index}`), event(`E${index}b`)], 'no_stream');
      if (index % 3 === 0) await new Promise((resolve) => setTimeout(resolve, 30)); // let the subscription read midway
    }
    await waitFor(() => received.length === writers.length * 2, 'every event');
    await new Promise((resolve) => setTimeout(resolve, 100));

    expect(received.map((recorded) => recorded.type)).toEqual(writers.flatMap((_, index) => [`E${index}`, `E${index}b`]));
    expect(received.map((recorded) => Number(recorded.globalPosition))).toEqual(received.map((_, index) => index + 1));
    expect(await mine.readAll()).toEqual(received);
  });

  it('wakes its own subscriptions at once on append, without waiting for the poll', async () => {
    const store = openStore(undefined, { pollIntervalMs: 60_000 });
    const received: RecordedEvent[] = [];
    store.subscribeToAll(async (events) => {
      received.push(...events);
    });
    // Let the subscription catch up (nothing there) and start waiting.
    await new Promise((resolve) => setTimeout(resolve, 50));

    const started = Date.now();
    await store.append('booking-1', [event('BookingRequested')], 'no_stream');
    await waitFor(() => received.length === 1, 'the notified event', 2_000);

    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('works in memory', async () => {
    const store = openStore(':memory:');

    await store.append('booking-1', [event('BookingRequested')], 'no_stream');

    expect(await store.readStream('booking-1')).toHaveLength(1);
  });

  it('rejects an event id already stored in another stream', async () => {
    const store = openStore();
    const taken = event('A');
    await store.append('stream-a', [taken], 'no_stream');

    const error = await store.append('stream-b', [event('B', taken.id)], 'any').catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(EventIdConflictError);
    expect(error).toMatchObject({ streamId: 'stream-b', eventId: taken.id, reason: 'other_stream' });
    expect(await store.readStream('stream-b')).toEqual([]);
  });

  it('rejects a batch of which only some ids are stored, and writes none of it', async () => {
    const store = openStore();
    const stored = event('A');
    await store.append('stream-a', [stored], 'no_stream');

    const storedFirst = await store.append('stream-a', [stored, event('B')], 'any').catch((caught: unknown) => caught);
    const storedLater = await store.append('stream-a', [event('C'), stored], 'any').catch((caught: unknown) => caught);

    expect(storedFirst).toMatchObject({ name: 'EventIdConflictError', reason: 'partial_batch' });
    expect(storedLater).toMatchObject({ name: 'EventIdConflictError', reason: 'partial_batch', eventId: stored.id });
    expect((await store.readStream('stream-a')).map((recorded) => recorded.type)).toEqual(['A']);
  });

  it('accepts any string as an event id, not only UUIDs', async () => {
    const store = openStore();
    const result = await store.append('stream-a', [event('A', 'command-42:0')], 'no_stream');

    expect(await store.append('stream-a', [event('A', 'command-42:0')], 'no_stream')).toEqual({ ...result, duplicate: true });
    expect((await store.readStream('stream-a'))[0].id).toBe('command-42:0');
  });

  it('rejects a position that is not one of its own', async () => {
    const store = openStore();

    await expect(store.readAll({ from: '12:12' })).rejects.toThrow(RangeError);
    expect(() => store.subscribeToAll(async () => undefined, { from: '12:12' })).toThrow(RangeError);
  });
});
