import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Database } from '@app/eventstore/sqlite/driver';
import { MongoClient } from 'mongodb';
import { MongoSetAsideStore } from './mongo-set-aside-store';
import type { SetAsideEvent, SetAsideStore } from './set-aside.port';
import { SqliteSetAsideStore } from './sqlite-set-aside-store';

const url = process.env.MONGODB_URL;
if (!url) console.warn('Mongo set-aside store SKIPPED: set MONGODB_URL (e.g. mongodb://127.0.0.1:27017) to run it against a real server');

const setAside = (position: string, over: Partial<SetAsideEvent> = {}): SetAsideEvent => ({
  service: 'booking-service',
  component: 'projection:appointment-view',
  position,
  eventId: `e${position}`,
  type: 'BookingRescheduled',
  version: 3,
  reason: 'version 3 is newer than this service knows (2)',
  at: '2030-01-01T00:00:00.000Z',
  ...over,
});

/** A store, and how to open it again on the same data (durability) and to clean up. */
interface Opened {
  store: SetAsideStore;
  reopen(): Promise<SetAsideStore>;
  close(): Promise<void>;
}

const openSqlite = async (): Promise<Opened> => {
  const dir = mkdtempSync(join(tmpdir(), 'set-aside-'));
  const file = join(dir, 'state.sqlite');
  const dbs = [new Database(file)];
  return {
    store: new SqliteSetAsideStore(dbs[0]),
    reopen: async () => new SqliteSetAsideStore(dbs[dbs.push(new Database(file)) - 1]),
    close: async () => {
      for (const db of dbs) db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
};

const openMongo = async (): Promise<Opened> => {
  const client = await new MongoClient(url!, { serverSelectionTimeoutMS: 10_000 }).connect();
  const db = client.db(`set_aside_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`);
  return {
    store: new MongoSetAsideStore(db),
    reopen: async () => new MongoSetAsideStore(client.db(db.databaseName)),
    close: async () => {
      await db.dropDatabase();
      await client.close();
    },
  };
};

describe.each([
  ['SQLite', openSqlite, false],
  ['MongoDB', openMongo, !url],
] as const)('set-aside store on %s', (_name, open, skip) => {
  const run = skip ? it.skip : it;
  let opened: Opened;
  beforeEach(async () => {
    if (!skip) opened = await open();
  });
  afterEach(async () => {
    if (!skip) await opened.close();
  });

  run('keeps what is recorded, once per component and event, in position order, across a reopen', async () => {
    const { store } = opened;
    expect(await store.count()).toBe(0);
    await store.record(setAside('10'));
    await store.record(setAside('9'));
    await store.record(setAside('10', { component: 'relay' }));
    await store.record(setAside('10', { reason: 'recorded again after a restart' }));
    expect(await store.count()).toBe(3);
    const again = await opened.reopen();
    expect(await again.list()).toEqual([setAside('9'), setAside('10', { component: 'projection:appointment-view' }), setAside('10', { component: 'relay' })]);
  });

  run('orders KurrentDB positions by their numbers', async () => {
    await opened.store.record(setAside('10:5'));
    await opened.store.record(setAside('9:100'));
    await opened.store.record(setAside('1:99999'));
    expect((await opened.store.list()).map((event) => event.position)).toEqual(['1:99999', '9:100', '10:5']);
  });
});
