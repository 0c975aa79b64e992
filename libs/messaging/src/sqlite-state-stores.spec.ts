import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Database } from '@app/eventstore/sqlite/driver';
import { SqliteCheckpointStore, SqliteProcessedMessageStore } from './sqlite-state-stores';

describe('SQLite state stores (real SQLite file)', () => {
  let dir: string;
  let file: string;
  let db: Database;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'messaging-state-'));
    file = join(dir, 'state.db');
    db = new Database(file);
  });
  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('puts the file in WAL mode and creates both tables', () => {
    new SqliteCheckpointStore(db);
    new SqliteProcessedMessageStore(db);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name") as unknown as {
      all(): { name: string }[];
    }).all();
    expect(tables.map((t) => t.name)).toEqual(['checkpoints', 'processed']);
  });

  it('checkpoints: unknown is undefined, save overwrites, positions survive a reopen', async () => {
    const store = new SqliteCheckpointStore(db);
    expect(await store.load('relay:slot')).toBeUndefined();
    await store.save('relay:slot', '10');
    await store.save('relay:slot', '42');
    await store.save('projection:registry', '7');
    expect(await store.load('relay:slot')).toBe('42');

    db.close();
    db = new Database(file);
    const reopened = new SqliteCheckpointStore(db);
    expect(await reopened.load('relay:slot')).toBe('42');
    expect(await reopened.load('projection:registry')).toBe('7');
  });

  it('processed messages: per consumer, adding twice is harmless, survives a reopen', async () => {
    const store = new SqliteProcessedMessageStore(db);
    expect(await store.has('booking-saga', 'm-1')).toBe(false);
    await store.add('booking-saga', 'm-1');
    await store.add('booking-saga', 'm-1');
    expect(await store.has('booking-saga', 'm-1')).toBe(true);
    expect(await store.has('registry-projection', 'm-1')).toBe(false);

    db.close();
    db = new Database(file);
    const reopened = new SqliteProcessedMessageStore(db);
    expect(await reopened.has('booking-saga', 'm-1')).toBe(true);
    expect(await reopened.has('booking-saga', 'm-2')).toBe(false);
  });
});
