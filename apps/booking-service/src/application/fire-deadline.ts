import { systemActor } from '@app/contracts';
import { CommandContext, deterministicId } from '@app/eventstore';
import type { BookingDeadline } from '../projections/booking-deadlines.projection';
import type { BookingParts } from './booking-parts';
import { bookingStream, rescheduleStream } from './booking-streams';

/**
 * A booking or reschedule attempt still unanswered at its deadline is rejected with reason `timeout`, which also
 * asks the slot-service to release a reservation that may arrive later. May fire twice: the command id derives
 * from the deadline, so the second changes nothing.
 */
export async function fireDeadline(parts: BookingParts, deadline: BookingDeadline, now: Date): Promise<void> {
  const commandId = deterministicId('deadline', deadline.id);
  const context: CommandContext = {
    commandId,
    correlationId: deadline.correlationId,
    causationId: deadline.causationId,
    actor: systemActor('booking-service'),
    now,
  };
  if (deadline.kind === 'booking') {
    await parts.bookings.handle(bookingStream(deadline.bookingId), { type: 'TimeOutBooking', at: now }, context);
  } else {
    await parts.reschedules.handle(rescheduleStream(deadline.bookingId), { type: 'TimeOutReschedule', rescheduleId: deadline.rescheduleId!, at: now }, context);
  }
}
