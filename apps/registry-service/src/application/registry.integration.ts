import { RegistryEntryV1, RegistryEventTypes, Topics } from '@app/contracts';
import { RecordedEvent, toDomainEvent } from '@app/eventstore';
import { OutgoingMessage, integrationMessage } from '@app/messaging';
import type { RegistryEntryEvent } from '../domain/registry-entry.decider';

/** Registry changes for subscribers (111 services), keyed by NHS number: one patient's changes stay in order. */
export function registryIntegrationEvents(recorded: RecordedEvent): OutgoingMessage[] {
  const event = toDomainEvent<RegistryEntryEvent>(recorded);
  if (event.type !== 'RegistryEntryCreated') return [];
  return [
    integrationMessage<RegistryEntryV1>(recorded, Topics.registryChanges, event.data.nhsNumber, RegistryEventTypes.entryCreated, {
      ...event.data,
      status: 'booked',
    }),
  ];
}
