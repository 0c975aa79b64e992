import type {
  BookingAmendedV1,
  BookingAttendanceRecordedV1,
  BookingCancelledV1,
  BookingConfirmedV1,
  BookingRescheduledV1,
} from '@app/contracts';
import { BookingEventTypes } from '@app/contracts';
import type { IncomingMessage } from '@app/messaging';
import { UnprocessableMessageError } from '@app/messaging';
import { reactionContext } from '@app/service-kit';
import type { NotificationCommand } from '../domain/notification.commands';
import { amendmentOf, cancellationOf, confirmedBookingOf, placeOf } from './booking-changes.inbound';
import { NotificationParts, notificationStream } from './notification-parts';

export const bookingChangeTypes = [
  BookingEventTypes.confirmed,
  BookingEventTypes.amended,
  BookingEventTypes.rescheduled,
  BookingEventTypes.cancelled,
  BookingEventTypes.attendanceRecorded,
];

function commandFor(message: IncomingMessage, parts: NotificationParts, now: Date): NotificationCommand {
  const { reminderOffsetsMs, organisationNames, delivery } = parts.options;
  const change = { cause: message.event.id, now, settings: { reminderOffsetsMs, organisationNames, sendsOnRecord: delivery.kind === 'outbox' } };
  const data = message.event.data;
  switch (message.event.type) {
    case BookingEventTypes.confirmed:
      return { type: 'NoteBookingConfirmed', booking: confirmedBookingOf(data as BookingConfirmedV1), ...change };
    case BookingEventTypes.amended:
      return { type: 'NoteBookingAmended', amendment: amendmentOf(data as BookingAmendedV1), ...change };
    case BookingEventTypes.rescheduled:
      return { type: 'NoteBookingRescheduled', reschedule: placeOf(data as BookingRescheduledV1), ...change };
    case BookingEventTypes.cancelled:
      return { type: 'NoteBookingCancelled', cancellation: cancellationOf(data as BookingCancelledV1), ...change };
    case BookingEventTypes.attendanceRecorded:
      return { type: 'NoteAttendance', status: (data as BookingAttendanceRecordedV1).status, ...change };
    default:
      throw new UnprocessableMessageError(`notification-service does not act on ${message.event.type}`);
  }
}

/**
 * A booking changed: the appointment's notification stream decides what to send to whom. The command id derives
 * from the booking event, so a redelivery appends nothing; message ids derive from it too.
 */
export async function noteBookingChange(parts: NotificationParts, message: IncomingMessage): Promise<void> {
  const bookingId = (message.event.data as { bookingId?: unknown }).bookingId;
  if (typeof bookingId !== 'string') throw new UnprocessableMessageError(`${message.event.type} ${message.event.id} has no bookingId`);
  const context = reactionContext(message.event, 'notify');
  await parts.notifications.handle(notificationStream(bookingId), commandFor(message, parts, context.now), context);
}
