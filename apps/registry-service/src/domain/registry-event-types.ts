import type { EventTypeDeclaration } from '@app/eventstore/upcasting/event-types';
import { createdChange } from './legacy-entry';
import type { RegistryPatientSearched } from './patient-search';
import type { RegistryEntryEvent } from './registry-entry.events';

/**
 * The registry-service's stored events and the version each is written in. RegistryEntryCreated v1 was stored in
 * two shapes (the first release's flat entry, then the whole entry under `entry`); v2 is the latter only.
 */
export const registryEventTypes: EventTypeDeclaration<RegistryEntryEvent['type'] | RegistryPatientSearched['type']> = {
  versions: {
    RegistryEntryCreated: 2,
    RegistryEntryUpdated: 1,
    RegistryEntryCancelled: 1,
    RegistryEntryExpired: 1,
    RegistryEntryEnteredInError: 1,
    RegistryPatientSearched: 1,
  },
  upcasters: { RegistryEntryCreated: { 1: createdChange } },
};
