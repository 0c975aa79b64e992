import { join } from 'node:path';
import { Database } from '@app/eventstore/sqlite/driver';
import { EventEnvelope, Topics } from '@app/contracts';
import { SqliteEventStore, createPrivateFile } from '@app/eventstore';
import { Bus, DeadLetter, DeadLetterRedelivery, SqliteCheckpointStore, SqliteDeadLetterStore, SqliteProcessedMessageStore, SqliteSetAsideStore, deadLetterTopic } from '@app/messaging';
import { DocumentStore, MemoryDocumentStore } from '@app/readmodel';
import type { ServiceInfra } from '../service-infra';

/** A service's files: its event store and its relay/consumer state, side by side in DATA_DIR/<service>/. */
export function sqliteFiles(dataDir: string, service: string) {
  return { events: join(dataDir, service, 'events.sqlite'), state: join(dataDir, service, 'state.sqlite') };
}

export function openSqliteState(file: string) {
  createPrivateFile(file);
  const db = new Database(file);
  db.pragma('synchronous = NORMAL');
  return { db, checkpoints: new SqliteCheckpointStore(db), processed: new SqliteProcessedMessageStore(db), setAside: new SqliteSetAsideStore(db) };
}

/** Where embedded mode keeps dead letters (the dead-letters command reads them there too). */
export const deadLettersFile = (dataDir: string): string => join(dataDir, 'platform', 'dead-letters.sqlite');

/**
 * Embedded mode: SQLite event store, in-memory read models rebuilt at start, the shared in-process bus. The audit
 * documents are the platform's (shared by its services); a service alone keeps them with its own.
 */
export function embeddedInfra(service: string, dataDir: string, bus: Bus, auditDocuments?: DocumentStore): ServiceInfra {
  const files = sqliteFiles(dataDir, service);
  const store = new SqliteEventStore(files.events);
  const state = openSqliteState(files.state);
  const documents = new MemoryDocumentStore();
  return {
    service,
    store,
    bus,
    documents,
    auditDocuments: auditDocuments ?? documents,
    checkpoints: state.checkpoints,
    processed: state.processed,
    setAside: state.setAside,
    close: async () => {
      await store.close();
      await documents.close();
      state.db.close();
    },
  };
}

/**
 * Embedded mode keeps every `<topic>.dlq` message in DATA_DIR/platform/dead-letters.sqlite (the in-process bus
 * retains nothing), and republishes those an operator asked to retry (npm run dead-letters -- retry <id>), looking
 * every `redeliverEveryMs`. Subscribe before any relay starts. Returns the store, to read, and a close function
 * (after the services stopped: dead letters can come until then).
 */
export async function keepDeadLetters(bus: Bus, dataDir: string, { redeliverEveryMs = 2_000 } = {}) {
  createPrivateFile(deadLettersFile(dataDir));
  const db = new Database(deadLettersFile(dataDir));
  const store = new SqliteDeadLetterStore(db);
  const subscription = await bus.subscribe({
    groupId: 'platform.dead-letters',
    topics: Object.values(Topics).map(deadLetterTopic),
    handler: (message) => store.record(message.event as EventEnvelope<DeadLetter>),
  });
  const redelivery = new DeadLetterRedelivery(store, bus, redeliverEveryMs);
  redelivery.start();
  return {
    store,
    close: async () => {
      await redelivery.stop();
      await subscription.close();
      db.close();
    },
  };
}
