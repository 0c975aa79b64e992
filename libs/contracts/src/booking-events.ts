import type { SlotDetails } from './slot-events';

/** booking.events.v1, keyed by bookingId. */
export interface Requester {
  organisation: string;
  organisationType: string;
  federations: string[];
}

export interface BookingRequestedV1 {
  bookingId: string;
  slotId: string;
  requester: Requester;
}

/** The whole booking, so subscribers (registry, notifications, hubs) need nothing else. */
export interface BookingConfirmedV1 extends SlotDetails {
  bookingId: string;
  patient: { nhsNumber: string };
  description: string;
  bookedBy: Requester;
}

export interface BookingRejectedV1 {
  bookingId: string;
  slotId: string;
  reason: string;
}

export const BookingEventTypes = {
  requested: 'BookingRequested',
  confirmed: 'BookingConfirmed',
  rejected: 'BookingRejected',
} as const;
