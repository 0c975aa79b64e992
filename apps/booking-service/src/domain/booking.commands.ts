import type { SlotDetails } from '@app/contracts';
import type { BookingRequest } from './booking.events';

/** Step 1 of the saga: the booking waits (pending) for the slot-service to reserve capacity. */
export interface RequestBooking {
  type: 'RequestBooking';
  request: BookingRequest;
}

export interface ConfirmBooking {
  type: 'ConfirmBooking';
  bookingId: string;
  slot: SlotDetails;
}

export interface RejectBooking {
  type: 'RejectBooking';
  bookingId: string;
  reason: string;
}

export type BookingCommand = RequestBooking | ConfirmBooking | RejectBooking;
