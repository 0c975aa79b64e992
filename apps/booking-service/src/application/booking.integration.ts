import { BookingConfirmedV1, BookingEventTypes, BookingRejectedV1, BookingRequestedV1, Topics } from '@app/contracts';
import { RecordedEvent, deterministicId, toDomainEvent } from '@app/eventstore';
import { OutgoingMessage, integrationMessage } from '@app/messaging';
import type { BookingEvent } from '../domain/booking.events';

/** Booking events for other services, keyed by booking so each booking's story arrives in order. */
export function bookingIntegrationEvents(recorded: RecordedEvent): OutgoingMessage[] {
  const event = toDomainEvent<BookingEvent>(recorded);
  const message = <T>(type: string, data: T) => [integrationMessage<T>(recorded, Topics.bookingEvents, event.data.bookingId, type, data)];
  const reservationId = deterministicId('reservation', event.data.bookingId);
  switch (event.type) {
    case 'BookingRequested': {
      const { bookingId, slotId, bookedBy } = event.data;
      return message<BookingRequestedV1>(BookingEventTypes.requested, { bookingId, reservationId, slotId, requester: bookedBy });
    }
    case 'BookingConfirmed':
      return message<BookingConfirmedV1>(BookingEventTypes.confirmed, { ...event.data, reservationId });
    case 'BookingRejected':
      return message<BookingRejectedV1>(BookingEventTypes.rejected, { ...event.data, reservationId });
    default:
      return [];
  }
}
