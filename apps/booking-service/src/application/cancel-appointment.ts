import type { Actor } from '@app/contracts';
import { RequestMeta, requestContext } from '@app/service-kit';
import { authorize, currentAppointment } from './appointment-access';
import type { BookingParts } from './booking-parts';
import { bookingStream } from './booking-streams';
import { changeCommandId } from './command-ids';
import { WriteAnswer, answerAfterWrite } from './write-answer';

/** Cancels a booked future appointment; its place is released (SlotReleaseRequested, reason cancelled). */
export async function cancelAppointment(parts: BookingParts, bookingId: string, reason: string, actor: Actor, meta: RequestMeta): Promise<WriteAnswer> {
  authorize(await currentAppointment(parts, bookingId), bookingId, actor, 'change');
  const context = requestContext(actor, meta, changeCommandId('cancel', bookingId, actor, meta, { reason }));
  const result = await parts.bookings.handle(bookingStream(bookingId), { type: 'CancelBooking', reason, at: context.now }, context);
  return answerAfterWrite(parts, bookingId, result);
}
