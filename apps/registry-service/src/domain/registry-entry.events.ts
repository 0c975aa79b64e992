import type { DomainEvent } from '@app/eventstore/decider';

export type RegistryEntryStatus = 'booked' | 'cancelled' | 'entered-in-error' | 'expired';

/**
 * An entry as the registry keeps it: a pointer to an appointment held by a provider, no description, comment or
 * contact details. The registry's own type, the same shape as RegistryEntryV1 of @app/contracts today, so events,
 * read model, feed and topic agree while either side can still change alone (application/registry-changes.ts maps).
 */
export interface RegistryEntry {
  id: string;
  appointmentId: string;
  /** Where the appointment itself is read (the booking-service's, or the external provider's). */
  appointmentUrl: string;
  nhsNumber: string;
  /** ODS code of the provider holding the appointment. */
  organisation: string;
  serviceType: string;
  start: string;
  end: string;
  status: RegistryEntryStatus;
  /** Entry ids: a rebook's new entry supersedes the old one, which is cancelled pointing at it. */
  supersedes?: string;
  supersededBy?: string;
  /** `booking`: kept by this platform's bookings; `external`: recorded by a provider over the API. */
  source: 'booking' | 'external';
  /** 1 for a new entry, one more per change; the ETag is `"<version>"`. */
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** What happened to an entry, in one word (subscribers get the same word: application/registry-changes.ts). */
export type RegistryChange = 'created' | 'updated' | 'cancelled' | 'expired' | 'entered-in-error';

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
