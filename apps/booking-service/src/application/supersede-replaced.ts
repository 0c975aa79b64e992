import type { BookingConfirmedV1 } from '@app/contracts';
import type { IncomingMessage } from '@app/messaging';
import { reactionContext } from '@app/service-kit';
import type { BookingParts } from './booking-parts';
import { bookingStream } from './booking-streams';

/** A rebook's new appointment is confirmed: the appointment it replaces is cancelled, pointing at it. */
export async function supersedeReplaced(parts: BookingParts, message: IncomingMessage): Promise<void> {
  const { bookingId, supersedes } = message.event.data as BookingConfirmedV1;
  if (!supersedes) return;
  await parts.bookings.handle(bookingStream(supersedes), { type: 'SupersedeBooking', supersededBy: bookingId }, reactionContext(message.event, 'supersede-booking'));
}
