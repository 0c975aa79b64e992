import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Database } from './sqlite/driver';
import { systemActor } from '@app/contracts';
import { ChainVerifier } from './chain-verifier';
import type { EventStore, NewEvent } from './event-store.port';
import { SqliteEventStore } from './sqlite-event-store';

const event = (type: string, data: unknown = { type }): NewEvent => ({
  id: randomUUID(),
  type,
  version: 1,
  data,
  correlationId: 'correlation',
  causationId: 'causation',
  actor: systemActor('hash-chain-spec'),
  occurredAt: '2025-03-01T09:30:00.000Z',
});

/** Every event of the store checked against its chain: the count, or the first break. */
const verify = async (store: EventStore) => {
  const verifier = new ChainVerifier('store');
  for (const recorded of await store.readAll()) {
    const broken = verifier.check(recorded);
    if (broken) return broken;
  }
  return verifier.verified;
};

/** The table as release 0.1 created it, before the hash chain. */
const tableWithoutHashes = `CREATE TABLE events (
  global_position INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  stream_id TEXT NOT NULL,
  stream_position INTEGER NOT NULL,
  type TEXT NOT NULL,
  version INTEGER NOT NULL,
  data TEXT NOT NULL CHECK (json_valid(data)),
  metadata TEXT NOT NULL CHECK (json_valid(metadata)),
  UNIQUE (stream_id, stream_position)
)`;

describe('SqliteEventStore hash chain', () => {
  let dir: string;
  let file: string;
  const open: SqliteEventStore[] = [];
  const openStore = () => {
    const store = new SqliteEventStore(file);
    open.push(store);
    return store;
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'eventstore-chain-'));
    file = join(dir, 'events.sqlite');
  });

  afterEach(async () => {
    await Promise.all(open.splice(0).map((store) => store.close()));
    rmSync(dir, { recursive: true, force: true });
  });

  it('links every event to the one stored before it, across streams and batches', async () => {
    const store = openStore();
    await store.append('a', [event('A0'), event('A1')], 'no_stream');
    await store.append('b', [event('B0', { nested: { z: 1, a: [1, 2] } })], 'no_stream');
    await store.append('a', [event('A2', undefined)], 1);

    const events = await store.readAll();

    expect(events.map((recorded) => recorded.previousHash)).toEqual([null, ...events.slice(0, -1).map((recorded) => recorded.hash)]);
    expect(await verify(store)).toBe(4);
  });

  it('continues the chain from what another process appended to the same file', async () => {
    const mine = openStore();
    const theirs = openStore();
    const writers = [mine, theirs, theirs, mine, theirs, mine, mine];
    for (const [index, writer] of writers.entries()) await writer.append(`stream-${index}`, [event(`E${index}`)], 'no_stream');

    expect(await verify(mine)).toBe(writers.length);
    expect(await verify(theirs)).toBe(writers.length);
  });

  it('continues the chain after a reopen', async () => {
    const first = openStore();
    await first.append('a', [event('A0')], 'no_stream');
    await first.close();

    const reopened = openStore();
    await reopened.append('a', [event('A1')], 0);

    expect(await verify(reopened)).toBe(2);
  });

  it('adds the chain to a store written before it, once, and appends after it', async () => {
    const old = new Database(file);
    old.exec(tableWithoutHashes);
    const insert = old.prepare('INSERT INTO events (id, stream_id, stream_position, type, version, data, metadata) VALUES (?, ?, ?, ?, ?, ?, ?)');
    const metadata = JSON.stringify({ correlationId: 'c', causationId: 'c', actor: systemActor('release-0.1'), occurredAt: '2025-01-01T00:00:00.000Z' });
    old.transaction(() => {
      for (let index = 0; index < 2_500; index++) insert.run(`old-${index}`, `stream-${index % 7}`, Math.floor(index / 7), 'Old', 1, `{"n":${index}}`, metadata);
    })();
    old.close();

    const migrated = openStore();
    const hashesAtFirstOpen = (await migrated.readAll()).map((recorded) => recorded.hash);
    await migrated.append('new', [event('New')], 'no_stream');
    await migrated.close();
    const reopened = openStore();

    expect(hashesAtFirstOpen.every((hash) => /^[0-9a-f]{64}$/.test(hash ?? ''))).toBe(true);
    expect((await reopened.readAll({ limit: 2_500 })).map((recorded) => recorded.hash)).toEqual(hashesAtFirstOpen);
    expect(await verify(reopened)).toBe(2_501);
  });

  it('keeps global positions unique after the last event was deleted around the store', async () => {
    const store = openStore();
    await store.append('a', [event('A0'), event('A1')], 'no_stream');
    const outsider = new Database(file);
    outsider.prepare('DELETE FROM events WHERE global_position = 2').run();
    outsider.close();

    await store.append('b', [event('B0')], 'no_stream');

    expect((await store.readAll()).map((recorded) => recorded.globalPosition)).toEqual(['1', '3']);
  });
});
