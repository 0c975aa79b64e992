import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { Database } from '@app/eventstore/sqlite/driver';
import { systemActor } from '@app/contracts';
import { SqliteEventStore, type NewEvent } from '@app/eventstore';
import { sqliteFiles } from '@app/service-kit';

export const tempDataDir = () => mkdtempSync(`${tmpdir()}/ops-`);

export const newEvent = (type: string, data: unknown = { type, at: randomUUID() }): NewEvent => ({
  id: randomUUID(),
  type,
  version: 1,
  data,
  correlationId: randomUUID(),
  causationId: randomUUID(),
  actor: systemActor('ops-spec'),
  occurredAt: '2025-03-01T09:30:00.000Z',
});

/** Writes `count` events over a few streams into DATA_DIR/<name>/events.sqlite, as the service would. */
export async function writeStore(dataDir: string, name: string, count: number): Promise<void> {
  const store = new SqliteEventStore(sqliteFiles(dataDir, name).events);
  const revisions = new Map<string, number>();
  for (let index = 0; index < count; index++) {
    const stream = `${name}-${index % 3}`;
    const revision = revisions.get(stream);
    await store.append(stream, [newEvent(`Happened${index}`, { index, name: `patient ${index}` })], revision ?? 'no_stream');
    revisions.set(stream, (revision ?? -1) + 1);
  }
  await store.close();
}

/** The store's file opened with plain SQL, as someone going around the application would. */
export function openRaw(dataDir: string, name: string) {
  return new Database(sqliteFiles(dataDir, name).events);
}

/** Every row as stored, columns and all. */
export function rows(dataDir: string, name: string): unknown[] {
  const db = openRaw(dataDir, name);
  try {
    return db.prepare('SELECT * FROM events ORDER BY global_position').all();
  } finally {
    db.close();
  }
}
