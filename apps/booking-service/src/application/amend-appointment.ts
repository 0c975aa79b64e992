import type { Actor } from '@app/contracts';
import { RequestMeta, expectedRevisionFromIfMatch, requestContext } from '@app/service-kit';
import type { AmendBooking } from '../domain/booking.commands';
import { authorize, currentAppointment } from './appointment-access';
import type { BookingParts } from './booking-parts';
import { bookingStream } from './booking-streams';
import { changeCommandId } from './command-ids';
import { WriteAnswer, answerAfterWrite } from './write-answer';

/** PATCH: decided only against the version the client read (If-Match): missing 428, stale 412. */
export async function amendAppointment(
  parts: BookingParts,
  bookingId: string,
  changes: AmendBooking['changes'],
  ifMatch: string | undefined,
  actor: Actor,
  meta: RequestMeta,
): Promise<WriteAnswer> {
  authorize(await currentAppointment(parts, bookingId), bookingId, actor, 'change');
  const expectedRevision = expectedRevisionFromIfMatch(ifMatch);
  const context = requestContext(actor, meta, changeCommandId('amend', bookingId, actor, meta, { changes, ifMatch }));
  const result = await parts.bookings.handle(bookingStream(bookingId), { type: 'AmendBooking', changes, at: context.now }, context, { expectedRevision });
  return answerAfterWrite(parts, bookingId, result);
}
