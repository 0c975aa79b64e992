import type { RegistryChange, RegistryEntryV1 } from '@app/contracts';
import type { DomainEvent } from '@app/eventstore/decider';

/** The entry as the registry keeps it: the public shape, so events, read model, feed and topic agree. */
export type RegistryEntry = RegistryEntryV1;

/** Every change carries the whole entry after it: the read model puts it and the relay maps it without loading. */
export interface EntryChange {
  entry: RegistryEntry;
  /** Why it was cancelled or entered in error, when someone said. */
  reason?: string;
}

export type RegistryEntryCreated = DomainEvent<'RegistryEntryCreated', EntryChange>;
export type RegistryEntryUpdated = DomainEvent<'RegistryEntryUpdated', EntryChange>;
export type RegistryEntryCancelled = DomainEvent<'RegistryEntryCancelled', EntryChange>;
export type RegistryEntryExpired = DomainEvent<'RegistryEntryExpired', EntryChange>;
export type RegistryEntryEnteredInError = DomainEvent<'RegistryEntryEnteredInError', EntryChange>;

export type RegistryEntryEvent = RegistryEntryCreated | RegistryEntryUpdated | RegistryEntryCancelled | RegistryEntryExpired | RegistryEntryEnteredInError;

export const changeOfEvent: Record<RegistryEntryEvent['type'], RegistryChange> = {
  RegistryEntryCreated: 'created',
  RegistryEntryUpdated: 'updated',
  RegistryEntryCancelled: 'cancelled',
  RegistryEntryExpired: 'expired',
  RegistryEntryEnteredInError: 'entered-in-error',
};

export const isRegistryEntryEvent = (type: string): type is RegistryEntryEvent['type'] => Object.hasOwn(changeOfEvent, type);
