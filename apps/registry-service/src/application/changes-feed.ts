import { mayFollowRegistryChanges } from '@app/access';
import type { Actor, RegistryEntryChangedV1 } from '@app/contracts';
import { DomainError } from '@app/eventstore';
import type { RegistryParts } from './registry-parts';
import { entryChangeOf } from './registry-changes';

/** Most events looked at for one page: the store also holds search records, which the feed skips. */
const scanLimit = 10_000;

/**
 * Every entry change after `after` (a global position; undefined from the start), in store order: the records
 * Kafka carries, read from the registry's own store, so a subscriber can catch up or recover from here. `next`
 * is the last position looked at, which moves past skipped search records too; with nothing new it stays where
 * it was.
 */
export async function readChanges(
  parts: RegistryParts,
  after: string | undefined,
  limit: number,
  actor: Actor,
): Promise<{ items: RegistryEntryChangedV1[]; next: string | undefined }> {
  if (!mayFollowRegistryChanges(actor)) {
    throw new DomainError('changes_not_readable', 'the registry change feed is for systems of care organisations and auditors', 'forbidden');
  }
  const items: RegistryEntryChangedV1[] = [];
  let position = after;
  let scanned = 0;
  while (items.length < limit && scanned < scanLimit) {
    const batch = await parts.store.readAll({ from: position, limit: Math.min(limit - items.length, 1000) });
    if (batch.length === 0) break;
    for (const recorded of batch) {
      const change = entryChangeOf(recorded);
      if (change) items.push(change);
    }
    position = batch[batch.length - 1].globalPosition;
    scanned += batch.length;
  }
  return { items, next: position };
}
