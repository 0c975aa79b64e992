import type { Requester, SlotDetails, SlotReservationRejectionReason } from '@app/contracts';
import type { DomainEvent } from '@app/eventstore/decider';
import type { BookableBy } from './bookable-by';

export interface SlotDefinition extends SlotDetails {
  capacity: number;
  bookableBy?: BookableBy;
}

export type SlotPublished = DomainEvent<'SlotPublished', SlotDefinition>;
export type SlotReserved = DomainEvent<'SlotReserved', SlotDetails & { bookingId: string; requester: Requester }>;
export type SlotReservationRejected = DomainEvent<
  'SlotReservationRejected',
  { slotId: string; bookingId: string; reason: SlotReservationRejectionReason }
>;

export type SlotEvent = SlotPublished | SlotReserved | SlotReservationRejected;
