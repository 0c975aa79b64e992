/** slot.events.v1, keyed by slotId. */

/** What every slot event tells about the place: where, when, what, and who hosts it. */
export interface SlotDetails {
  slotId: string;
  /**
   * ODS code of the hosting organisation.
   * @pattern ^[A-Z0-9]{3,10}$
   */
  organisation: string;
  /** The hosting organisation's name as its publisher gave it (for messages to patients). */
  organisationName?: string;
  /** Federations of the hosting organisation (from the publisher's token): organisations sharing one may read its appointments. */
  federations?: string[];
  location?: string;
  practitionerRole?: string;
  serviceType: string;
  deliveryChannel: string;
  /** @format date-time */
  start: string;
  /** @format date-time */
  end: string;
}

/** A place was taken for a reservation (one booking, or one reschedule of a booking). */
export interface SlotReservedV1 extends SlotDetails {
  reservationId: string;
  bookingId: string;
  /** The hold the reservation used, when it came with one. */
  holdId?: string;
}

/**
 * Why a reservation was refused. A slot the requester may not book, may not see yet (embargo), or that was
 * withdrawn is `slot_not_found`: a booking attempt reveals no more than a search does.
 */
export type SlotReservationRejectionReason = 'slot_not_found' | 'slot_full' | 'slot_in_past';

export interface SlotReservationRejectedV1 {
  slotId: string;
  reservationId: string;
  bookingId: string;
  reason: SlotReservationRejectionReason;
}

/** Why a reserved place was given back. */
export type SlotReleaseReason = 'cancelled' | 'rescheduled' | 'timeout';

/** A reserved place was given back (capacity free again). */
export interface SlotReleasedV1 {
  slotId: string;
  reservationId: string;
  bookingId: string;
  reason: SlotReleaseReason;
}

export const SlotEventTypes = {
  reserved: 'SlotReserved',
  reservationRejected: 'SlotReservationRejected',
  released: 'SlotReleased',
} as const;
