import { randomUUID } from 'node:crypto';
import { mayKeepRegistryEntries } from '@app/access';
import type { Actor } from '@app/contracts';
import { DomainError } from '@app/eventstore';
import { RequestMeta, expectedRevisionFromIfMatch, requestContext } from '@app/service-kit';
import type { NewEntry } from '../domain/registry-entry.commands';
import type { RegistryEntry } from '../domain/registry-entry.events';
import { currentEntry, entryNotFound, requireKeeper, requireReader } from './entry-access';
import type { RegistryParts } from './registry-parts';
import { externalEntryId, registryEntryStream } from './registry-streams';

/** A provider's appointment held outside this platform, as its system reports it. */
export type ExternalEntryInput = Omit<NewEntry, 'id' | 'source'>;

/** `created`: a new entry (201); otherwise the same request was made before and this is the entry it made (200). */
export interface EntryAnswer {
  entry: RegistryEntry;
  created: boolean;
}

/** Records a provider's own appointment. The same request again answers the same entry; other details 409. */
export async function recordExternalEntry(parts: RegistryParts, input: ExternalEntryInput, actor: Actor, meta: RequestMeta): Promise<EntryAnswer> {
  if (!mayKeepRegistryEntries(actor, input.organisation)) {
    const why = actor.organisation === input.organisation ? `role ${actor.role} may not record entries` : `entries of ${input.organisation} are recorded by that organisation only`;
    throw new DomainError('not_entry_keeper', why, 'forbidden');
  }
  const id = externalEntryId(input.organisation, input.appointmentId);
  const context = requestContext(actor, meta, randomUUID());
  const result = await parts.entries.handle(registryEntryStream(id), { type: 'RecordEntry', entry: { ...input, id, source: 'external' }, at: context.now }, context);
  return { entry: result.state.entry!, created: result.events.length > 0 && !result.repeated };
}

export async function readEntry(parts: RegistryParts, id: string, actor: Actor): Promise<RegistryEntry> {
  requireReader(actor, id);
  const { entry } = await currentEntry(parts, id);
  if (!entry) throw entryNotFound(id);
  return entry;
}

/** Cancel or mark entered in error: the owner's, against the version it read (If-Match: missing 428, stale 412). */
export async function changeExternalEntry(
  parts: RegistryParts,
  id: string,
  change: { type: 'CancelEntry' | 'MarkEnteredInError'; reason?: string },
  ifMatch: string | undefined,
  actor: Actor,
  meta: RequestMeta,
): Promise<RegistryEntry> {
  requireKeeper(actor, (await currentEntry(parts, id)).entry, id);
  const expectedRevision = expectedRevisionFromIfMatch(ifMatch);
  const context = requestContext(actor, meta);
  const reason = change.reason ? { reason: change.reason } : {};
  const result = await parts.entries.handle(registryEntryStream(id), { type: change.type, by: 'external', at: context.now, ...reason }, context, { expectedRevision });
  return result.state.entry!;
}
