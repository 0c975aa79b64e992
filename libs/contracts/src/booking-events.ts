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

export interface BookingConfirmedV1 {
  bookingId: string;
  slotId: string;
  organisation: string;
  serviceType: string;
  deliveryChannel: string;
  start: string;
  end: string;
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
