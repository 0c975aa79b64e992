import { EventStore, KurrentDbEventStore, SqliteEventStore } from '@app/eventstore';
import { Bus, MongoCheckpointStore, MongoProcessedMessageStore, MongoSetAsideStore } from '@app/messaging';
import { DocumentStore, MongoDocumentStore } from '@app/readmodel';
import type { ServiceInfra } from '../service-infra';
import { sqliteFiles } from './embedded-infra';

export interface DistributedSettings {
  dataDir: string;
  mongoUrl: string;
  /** Each service gets its own database, `<prefix>_<service>`: services never read each other's data. */
  mongoDatabasePrefix: string;
  eventStoreUrl?: string;
}

/** Each service's own database: `<prefix>_<service>`, dashes as underscores. */
export const serviceDatabaseName = (prefix: string, service: string): string => `${prefix}_${service.replace(/-/g, '_')}`;

/**
 * Distributed mode: KurrentDB when EVENTSTORE_URL is set (SQLite in DATA_DIR otherwise), read models and their
 * checkpoints in MongoDB, the Kafka bus shared by the process.
 */
export async function distributedInfra(service: string, settings: DistributedSettings, bus: Bus, auditDocuments: DocumentStore): Promise<ServiceInfra> {
  const store: EventStore = settings.eventStoreUrl
    ? new KurrentDbEventStore(settings.eventStoreUrl)
    : new SqliteEventStore(sqliteFiles(settings.dataDir, service).events);
  const documents = await MongoDocumentStore.connect(settings.mongoUrl, serviceDatabaseName(settings.mongoDatabasePrefix, service));
  const checkpoints = new MongoCheckpointStore(documents.db);
  return {
    service,
    store,
    bus,
    documents,
    auditDocuments,
    checkpoints,
    processed: new MongoProcessedMessageStore(documents.db),
    setAside: new MongoSetAsideStore(documents.db),
    readModelCheckpoints: checkpoints,
    close: async () => {
      await store.close();
      await documents.close();
    },
  };
}
