import {
  BookingAmendedV1,
  BookingAttendanceRecordedV1,
  BookingCancelledV1,
  BookingConfirmedV1,
  BookingEventTypes,
  BookingRejectedV1,
  BookingRequestedV1,
  BookingRescheduleRejectedV1,
  BookingRescheduleRequestedV1,
  BookingRescheduledV1,
  SlotReleaseReason,
  SlotReleaseRequestedV1,
  Topics,
} from '@app/contracts';
import { RecordedEvent, toDomainEvent } from '@app/eventstore';
import { OutgoingMessage, integrationMessage } from '@app/messaging';
import type { BookingEvent } from '../domain/booking.events';
import type { RescheduleEvent } from '../domain/reschedule/reschedule.events';

/**
 * Domain events (the booking and its reschedule process) to booking.events.v1, keyed by booking, so one booking's
 * reservation requests, outcomes and releases reach the slot-service in the order they happened: a release asked
 * for after a timeout always arrives after the request it compensates.
 */
export function bookingIntegrationEvents(recorded: RecordedEvent): OutgoingMessage[] {
  const event = toDomainEvent<BookingEvent | RescheduleEvent>(recorded);
  const message = <T>(type: string, data: T) => integrationMessage<T>(recorded, Topics.bookingEvents, event.data.bookingId, type, data);
  const release = ({ reservationId, slotId }: { reservationId: string; slotId: string }, reason: SlotReleaseReason) =>
    message<SlotReleaseRequestedV1>(BookingEventTypes.slotReleaseRequested, { bookingId: event.data.bookingId, reservationId, slotId, reason });
  switch (event.type) {
    case 'BookingRequested': {
      const { bookingId, reservationId, slotId, holdId, bookedBy, supersedes } = event.data;
      return [message<BookingRequestedV1>(BookingEventTypes.requested, { bookingId, reservationId, slotId, holdId, requester: bookedBy, supersedes })];
    }
    case 'BookingConfirmed':
      return [message<BookingConfirmedV1>(BookingEventTypes.confirmed, event.data)];
    case 'BookingRejected': {
      const rejected = message<BookingRejectedV1>(BookingEventTypes.rejected, event.data);
      // Given up waiting: a reservation made after this is given back.
      return event.data.reason === 'timeout' ? [rejected, release(event.data, 'timeout')] : [rejected];
    }
    case 'BookingAmended':
      return [message<BookingAmendedV1>(BookingEventTypes.amended, event.data)];
    case 'BookingRescheduled': {
      // BookingRescheduledV1 keeps the new place's fields flat, as the domain event's v1 had them.
      const { bookingId, place, previous } = event.data;
      return [message<BookingRescheduledV1>(BookingEventTypes.rescheduled, { ...place, bookingId, previous }), release(previous, 'rescheduled')];
    }
    case 'BookingCancelled': {
      const { bookingId, slotId, reason, supersededBy } = event.data;
      return [message<BookingCancelledV1>(BookingEventTypes.cancelled, { bookingId, slotId, reason, supersededBy }), release(event.data, 'cancelled')];
    }
    case 'BookingAttendanceRecorded':
      return [message<BookingAttendanceRecordedV1>(BookingEventTypes.attendanceRecorded, event.data)];
    case 'RescheduleRequested': {
      const { bookingId, rescheduleId, slotId, holdId, requester } = event.data;
      return [message<BookingRescheduleRequestedV1>(BookingEventTypes.rescheduleRequested, { bookingId, reservationId: rescheduleId, slotId, holdId, requester })];
    }
    case 'RescheduleRefused':
    case 'RescheduleTimedOut':
    case 'RescheduleAbandoned': {
      const { bookingId, rescheduleId, slotId } = event.data;
      const reason = event.type === 'RescheduleTimedOut' ? 'timeout' : event.data.reason;
      const rejected = message<BookingRescheduleRejectedV1>(BookingEventTypes.rescheduleRejected, { bookingId, reservationId: rescheduleId, slotId, reason });
      if (event.type === 'RescheduleRefused') return [rejected];
      // Timed out: a place reserved later is given back. Abandoned: the place was reserved but the appointment could not move.
      return [rejected, release({ reservationId: rescheduleId, slotId }, event.type === 'RescheduleTimedOut' ? 'timeout' : 'cancelled')];
    }
    default:
      return [];
  }
}
