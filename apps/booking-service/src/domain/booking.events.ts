import type { Requester, SlotDetails } from '@app/contracts';
import type { DomainEvent } from '@app/eventstore/decider';

export interface Patient {
  nhsNumber: string;
}

export interface BookingRequest {
  bookingId: string;
  slotId: string;
  patient: Patient;
  description: string;
  comment?: string;
  bookedBy: Requester;
}

export type BookingRequested = DomainEvent<'BookingRequested', BookingRequest>;
/** Carries the request's patient and booker too, so the event tells the whole booking on its own. */
export type BookingConfirmed = DomainEvent<
  'BookingConfirmed',
  SlotDetails & Pick<BookingRequest, 'bookingId' | 'patient' | 'description' | 'bookedBy'>
>;
export type BookingRejected = DomainEvent<'BookingRejected', { bookingId: string; slotId: string; reason: string }>;

export type BookingEvent = BookingRequested | BookingConfirmed | BookingRejected;
