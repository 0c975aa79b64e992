import {
  BookingAttendanceRecordedV1,
  BookingCancelledV1,
  BookingConfirmedV1,
  BookingEventTypes,
  BookingRescheduledV1,
} from '@app/contracts';
import type { IncomingMessage } from '@app/messaging';
import { reactionContext } from '@app/service-kit';
import type { RegistryEntryCommand } from '../domain/registry-entry.commands';
import type { RegistryParts } from './registry-parts';
import { bookingEntryId, registryEntryStream } from './registry-streams';

/** The booking events the registry follows. */
export const followedBookingEvents = [BookingEventTypes.confirmed, BookingEventTypes.rescheduled, BookingEventTypes.cancelled, BookingEventTypes.attendanceRecorded];

/** The change a booking event makes to its booking's entry, if any (arrival changes nothing: the appointment is still on). */
function commandFor(parts: RegistryParts, message: IncomingMessage, at: Date): RegistryEntryCommand | undefined {
  const { type, data } = message.event;
  switch (type) {
    case BookingEventTypes.confirmed: {
      const booking = data as BookingConfirmedV1;
      return {
        type: 'RecordEntry',
        entry: {
          id: bookingEntryId(booking.bookingId),
          appointmentId: booking.bookingId,
          appointmentUrl: `${parts.options.appointmentsBaseUrl}/appointments/${booking.bookingId}`,
          nhsNumber: booking.patient.nhsNumber,
          organisation: booking.organisation,
          serviceType: booking.serviceType,
          start: booking.start,
          end: booking.end,
          ...(booking.supersedes ? { supersedes: bookingEntryId(booking.supersedes) } : {}),
          source: 'booking',
        },
        at,
      };
    }
    case BookingEventTypes.rescheduled: {
      const { start, end } = data as BookingRescheduledV1;
      return { type: 'MoveEntry', start, end, at };
    }
    case BookingEventTypes.cancelled: {
      const { reason, supersededBy } = data as BookingCancelledV1;
      return { type: 'CancelEntry', by: 'booking', reason, ...(supersededBy ? { supersededBy: bookingEntryId(supersededBy) } : {}), at };
    }
    case BookingEventTypes.attendanceRecorded: {
      const { status } = data as BookingAttendanceRecordedV1;
      return status === 'arrived' ? undefined : { type: 'ExpireEntry', at };
    }
  }
  return undefined;
}

/** Keeps a booking's entry in step with the booking. A redelivered event gives the same command id: nothing new. */
export async function followBooking(parts: RegistryParts, message: IncomingMessage): Promise<void> {
  const context = reactionContext(message.event, `registry-${message.event.type}`);
  const command = commandFor(parts, message, context.now);
  if (!command) return;
  const { bookingId } = message.event.data as { bookingId: string };
  await parts.entries.handle(registryEntryStream(bookingEntryId(bookingId)), command, context);
}
