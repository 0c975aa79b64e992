import type { DomainEvent } from '@app/eventstore/decider';
import type { BookableBy } from './bookable-by';
import type { Requester } from './requester';
import type { SlotDetails } from './slot-details';

/**
 * Why a reservation was refused. A slot the requester may not book, may not see yet (embargo), or that was
 * withdrawn is `slot_not_found`: a booking attempt reveals no more than a search does.
 */
export type SlotReservationRejectionReason = 'slot_not_found' | 'slot_full' | 'slot_in_past';

/** Why a reserved place was given back. */
export type SlotReleaseReason = 'cancelled' | 'rescheduled' | 'timeout';

/** A slot as published: the place, its capacity, and who may see and book it from when. */
export interface SlotDefinition extends SlotDetails {
  capacity: number;
  bookableBy?: BookableBy;
  /** Embargo: before this instant only the owning organisation sees or books the slot. */
  visibleFrom?: string;
}

export type SlotPublished = DomainEvent<'SlotPublished', SlotDefinition>;
export type SlotWithdrawn = DomainEvent<'SlotWithdrawn', { slotId: string }>;
/** One place kept for an organisation until `expiresAt`. */
export type SlotHeld = DomainEvent<'SlotHeld', { slotId: string; holdId: string; organisation: string; expiresAt: string }>;
export type SlotHoldExpired = DomainEvent<'SlotHoldExpired', { slotId: string; holdId: string; organisation: string }>;
/** A place taken for one reservation; `holdId` when it was the requester's hold that became the reservation. */
export type SlotReserved = DomainEvent<
  'SlotReserved',
  SlotDetails & { reservationId: string; bookingId: string; requester: Requester; holdId?: string }
>;
export type SlotReservationRejected = DomainEvent<
  'SlotReservationRejected',
  { slotId: string; reservationId: string; bookingId: string; reason: SlotReservationRejectionReason }
>;
export type SlotReleased = DomainEvent<'SlotReleased', { slotId: string; reservationId: string; bookingId: string; reason: SlotReleaseReason }>;

export type SlotEvent = SlotPublished | SlotWithdrawn | SlotHeld | SlotHoldExpired | SlotReserved | SlotReservationRejected | SlotReleased;
