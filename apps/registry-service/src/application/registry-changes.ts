import type { RegistryEntryChangedV1 } from '@app/contracts';
import type { RecordedEvent } from '@app/eventstore';
import { EntryChange, RegistryEntryEvent, changeOfEvent, isRegistryEntryEvent } from '../domain/registry-entry.events';

/**
 * A stored entry event as subscribers see it, on Kafka and in the feed alike: the change, the whole entry after
 * it, and the store's global position (the feed's order and cursor). Anything else in the store (patient search
 * records) is no change.
 */
export function entryChangeOf(recorded: RecordedEvent): RegistryEntryChangedV1 | undefined {
  if (!isRegistryEntryEvent(recorded.type)) return undefined;
  const type = recorded.type as RegistryEntryEvent['type'];
  const { entry } = recorded.data as EntryChange;
  // A first-release entry has no times of its own (its upcast event leaves them empty): its event's are the right ones.
  const stamped = entry.createdAt === '' ? { ...entry, createdAt: recorded.occurredAt, updatedAt: recorded.occurredAt } : entry;
  return { change: changeOfEvent[type], entry: stamped, occurredAt: recorded.occurredAt, position: recorded.globalPosition };
}
