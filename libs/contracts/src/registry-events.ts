/** registry.changes.v1, keyed by NHS number so a subscriber sees one patient's changes in order. */
export type RegistryEntryStatus = 'booked' | 'cancelled' | 'entered-in-error' | 'expired';

/** A pointer to an appointment held by a provider: no description, comment or contact details. */
export interface RegistryEntryV1 {
  /** @minLength 1 */
  id: string;
  /**
   * @minLength 1
   * @maxLength 100
   */
  appointmentId: string;
  /**
   * Where the appointment itself is read: an https URL (external), or the booking-service's (relative when no
   * base URL is configured).
   * @format uri-reference
   * @minLength 1
   * @maxLength 2000
   */
  appointmentUrl: string;
  /**
   * Ten digits, the last a modulus-11 check digit.
   * @pattern ^[0-9]{10}$
   */
  nhsNumber: string;
  /**
   * ODS code of the provider holding the appointment.
   * @minLength 1
   */
  organisation: string;
  /** @minLength 1 */
  serviceType: string;
  /** @format date-time */
  start: string;
  /** @format date-time */
  end: string;
  status: RegistryEntryStatus;
  /**
   * Id of the entry this one replaces (a rebook's new entry supersedes the old one, which is cancelled pointing at it).
   * @minLength 1
   */
  supersedes?: string;
  /**
   * Id of the entry that replaced this one.
   * @minLength 1
   */
  supersededBy?: string;
  /** `booking`: kept by this platform's bookings; `external`: recorded by a provider over the API. */
  source: 'booking' | 'external';
  /**
   * 1 for a new entry, one more per change; the ETag is `"<version>"`.
   * @asType integer
   * @minimum 1
   */
  version: number;
  /** @format date-time */
  createdAt: string;
  /** @format date-time */
  updatedAt: string;
}

export type RegistryChange = 'created' | 'updated' | 'cancelled' | 'expired' | 'entered-in-error';

/** One change to an entry, the whole entry after it; `position` orders the feed and is its cursor. */
export interface RegistryEntryChangedV1 {
  change: RegistryChange;
  entry: RegistryEntryV1;
  /** @format date-time */
  occurredAt: string;
  /**
   * The registry store's global position of the change: orders the feed and is what its cursor holds. Opaque;
   * compare only for equality.
   * @minLength 1
   */
  position: string;
}

export const RegistryEventTypes = {
  entryChanged: 'RegistryEntryChanged',
} as const;
