import { cleanEnv, str } from 'envalid';
import { KurrentDbEventStore, SqliteEventStore } from '@app/eventstore';
import { sqliteFiles } from '@app/service-kit';

/** The services whose stores the ops commands work on; `audit` is the access-audit store (see docs/architecture.md). */
export const SERVICES = ['slot-service', 'booking-service', 'registry-service', 'notification-service'] as const;
export type ServiceName = (typeof SERVICES)[number];

/** Where the stores are: the same variables the services read. */
export function storeSettings(env: NodeJS.ProcessEnv = process.env) {
  return cleanEnv(env, {
    DATA_DIR: str({ default: './data', desc: 'folder of the SQLite event stores' }),
    EVENTSTORE_URL: str({ default: undefined, desc: 'KurrentDB/EventStoreDB; the SQLite stores in DATA_DIR when unset' }),
  });
}

export const isServiceName = (value: string): value is ServiceName => (SERVICES as readonly string[]).includes(value);

/** Opens one service's event store as the service itself would (SQLite in DATA_DIR, or KurrentDB). */
export function openServiceStore(service: string, settings = storeSettings()): SqliteEventStore | KurrentDbEventStore {
  return settings.EVENTSTORE_URL ? new KurrentDbEventStore(settings.EVENTSTORE_URL) : new SqliteEventStore(sqliteFiles(settings.DATA_DIR, service).events);
}
