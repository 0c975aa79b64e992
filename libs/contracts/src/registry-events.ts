/** registry.changes.v1, keyed by NHS number so a subscriber sees one patient's changes in order. */
export type RegistryEntryStatus = 'booked' | 'cancelled' | 'entered-in-error' | 'expired';

/** A pointer to an appointment held by a provider: no description, comment or contact details. */
export interface RegistryEntryV1 {
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

export type RegistryChange = 'created' | 'updated' | 'cancelled' | 'expired' | 'entered-in-error';

/** One change to an entry, the whole entry after it; `position` orders the feed and is its cursor. */
export interface RegistryEntryChangedV1 {
  change: RegistryChange;
  entry: RegistryEntryV1;
  occurredAt: string;
  position: string;
}

export const RegistryEventTypes = {
  entryChanged: 'RegistryEntryChanged',
} as const;
