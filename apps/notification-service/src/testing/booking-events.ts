import { randomUUID } from 'node:crypto';
import type { BookingConfirmedV1, EventEnvelope } from '@app/contracts';
import { BookingEventTypes, Topics } from '@app/contracts';

export { BookingEventTypes };

/** A booking integration event as the booking-service publishes it on booking.events.v1 (keyed by booking). */
export function bookingEvent<T extends { bookingId: string }>(type: string, data: T, id: string = randomUUID()): { topic: string; key: string; event: EventEnvelope } {
  return {
    topic: Topics.bookingEvents,
    key: data.bookingId,
    event: {
      id,
      type,
      version: 1,
      occurredAt: new Date().toISOString(),
      streamId: `booking-${data.bookingId}`,
      streamPosition: 0,
      correlationId: randomUUID(),
      causationId: id,
      actor: { organisation: 'A81001', organisationType: 'gp-practice', user: 'A81001-booker', role: 'booker', federations: [] },
      data,
    },
  };
}

export const bookerOf = { organisation: 'A81001', organisationType: 'gp-practice', federations: ['north-fed'] };

/** A confirmed booking at `start`, hosted by A81001 and booked by it. */
export function bookingConfirmed(bookingId: string, start: Date, extra: Partial<BookingConfirmedV1> = {}): BookingConfirmedV1 {
  return {
    bookingId,
    reservationId: `r-${bookingId}`,
    slotId: `s-${bookingId}`,
    organisation: 'A81001',
    organisationName: 'Riverside Surgery',
    federations: ['north-fed'],
    serviceType: 'phlebotomy',
    deliveryChannel: 'in-person',
    location: 'Room 3',
    start: start.toISOString(),
    end: new Date(start.getTime() + 15 * 60_000).toISOString(),
    patient: { nhsNumber: '9434765919', name: 'Pat Jones', contact: { phone: '07700900123', email: 'pat@example.com' } },
    description: 'Blood test',
    bookedBy: bookerOf,
    ...extra,
  };
}

