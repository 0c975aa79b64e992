import { existsSync, readdirSync } from 'node:fs';
import { sqliteFiles } from '@app/service-kit';
import { UsageError } from './cli';
import { openServiceStore, storeSettings } from './service-stores';

export type StoreSettings = ReturnType<typeof storeSettings>;

/** With EVENTSTORE_URL every service's streams are in the one server's $all: it is one store to the ops commands. */
export const kurrentStoreName = 'kurrentdb';

/** The access-audit store (docs/architecture.md, "Access audit"): `--audit` names it. */
export const auditStoreName = 'audit';

/**
 * Every event store there is: each folder of DATA_DIR holding an events.sqlite (the four services, the access
 * audit, any other), or the KurrentDB server.
 */
export function storeNames(settings: StoreSettings): string[] {
  if (settings.EVENTSTORE_URL) return [kurrentStoreName];
  if (!existsSync(settings.DATA_DIR)) return [];
  return readdirSync(settings.DATA_DIR, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(sqliteFiles(settings.DATA_DIR, entry.name).events))
    .map((entry) => entry.name)
    .sort();
}

/** The store named by exactly one of `--service <name>`, `--store <name>` or `--audit`. */
export function chosenStore(options: { service?: string; store?: string; audit?: boolean }): string {
  const named = [options.service, options.store, options.audit ? auditStoreName : undefined].filter((name) => name !== undefined);
  if (named.length !== 1) throw new UsageError('name one store: --service <name>, --store <name> or --audit');
  return named[0];
}

/** Opens a store that is there; a name with no store is a wrong argument, not a new empty store. */
export function openExistingStore(name: string, settings: StoreSettings) {
  if (!settings.EVENTSTORE_URL && !existsSync(sqliteFiles(settings.DATA_DIR, name).events)) {
    throw new UsageError(`no event store "${name}" in ${settings.DATA_DIR} (there: ${storeNames(settings).join(', ') || 'none'})`);
  }
  return openServiceStore(name, settings);
}
