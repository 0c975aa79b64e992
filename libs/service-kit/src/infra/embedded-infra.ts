import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SqliteEventStore } from '@app/eventstore';
import { Bus, SqliteCheckpointStore, SqliteProcessedMessageStore } from '@app/messaging';
import { MemoryDocumentStore } from '@app/readmodel';
import type { ServiceInfra } from '../service-infra';

/** A service's files: its event store and its relay/consumer state, side by side in DATA_DIR/<service>/. */
export function sqliteFiles(dataDir: string, service: string) {
  return { events: join(dataDir, service, 'events.sqlite'), state: join(dataDir, service, 'state.sqlite') };
}

export function openSqliteState(file: string) {
  const db = new Database(file);
  db.pragma('synchronous = NORMAL');
  return { db, checkpoints: new SqliteCheckpointStore(db), processed: new SqliteProcessedMessageStore(db) };
}

/** Embedded mode: SQLite event store, in-memory read models rebuilt at start, the shared in-process bus. */
export function embeddedInfra(service: string, dataDir: string, bus: Bus): ServiceInfra {
  const files = sqliteFiles(dataDir, service);
  const store = new SqliteEventStore(files.events);
  const state = openSqliteState(files.state);
  const documents = new MemoryDocumentStore();
  return {
    service,
    store,
    bus,
    documents,
    checkpoints: state.checkpoints,
    processed: state.processed,
    close: async () => {
      await store.close();
      await documents.close();
      state.db.close();
    },
  };
}
