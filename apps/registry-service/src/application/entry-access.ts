import { mayKeepRegistryEntries, mayReadRegistry } from '@app/access';
import type { Actor } from '@app/contracts';
import { DomainError } from '@app/eventstore';
import { DeniedReadError } from '@app/service-kit';
import type { RegistryEntry } from '../domain/registry-entry.events';
import type { RegistryParts } from './registry-parts';
import { registryEntryStream } from './registry-streams';

export const entryNotFound = (id: string): DomainError => new DomainError('entry_not_found', `no registry entry ${id}`, 'not-found');
/** What a caller who may not read the registry gets: the same 404, recorded as denied. */
const entryDenied = (id: string): DomainError => new DeniedReadError('entry_not_found', `no registry entry ${id}`);

/** The entry as its stream tells it now (not the read model, which may lag): what a change is decided on. */
export async function currentEntry(parts: RegistryParts, id: string): Promise<{ entry?: RegistryEntry; revision: number }> {
  const { state, revision } = await parts.entries.load(registryEntryStream(id));
  return { entry: state.entry, revision };
}

/** Registry readers see every entry; for anyone else there is none (404). */
export function requireReader(actor: Actor, id: string): void {
  if (!mayReadRegistry(actor)) throw entryDenied(id);
}

/**
 * Only the admins and systems of the entry's organisation change it. A registry reader of another organisation
 * (or in another role) gets 403; anyone else, who may not even see it, 404.
 */
export function requireKeeper(actor: Actor, entry: RegistryEntry | undefined, id: string): RegistryEntry {
  if (!entry) throw entryNotFound(id);
  if (mayKeepRegistryEntries(actor, entry.organisation)) return entry;
  if (!mayReadRegistry(actor)) throw entryDenied(id);
  throw new DomainError('not_entry_keeper', `only a provider-admin or system of ${entry.organisation} changes its entries`, 'forbidden');
}
