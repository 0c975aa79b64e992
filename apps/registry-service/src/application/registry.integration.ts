import { RegistryEntryChangedV1, RegistryEventTypes, Topics } from '@app/contracts';
import type { RecordedEvent } from '@app/eventstore';
import { OutgoingMessage, integrationMessage } from '@app/messaging';
import { entryChangeOf } from './registry-changes';

/** Every entry change for subscribers (111 services), keyed by NHS number: one patient's changes stay in order. */
export function registryIntegrationEvents(recorded: RecordedEvent): OutgoingMessage[] {
  const change = entryChangeOf(recorded);
  if (!change) return [];
  return [integrationMessage<RegistryEntryChangedV1>(recorded, Topics.registryChanges, change.entry.nhsNumber, RegistryEventTypes.entryChanged, change)];
}
