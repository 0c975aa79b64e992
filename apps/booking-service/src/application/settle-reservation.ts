import { SlotEventTypes, SlotReservationRejectedV1, SlotReservedV1 } from '@app/contracts';
import type { IncomingMessage } from '@app/messaging';
import { reactionContext } from '@app/service-kit';
import type { BookingParts } from './booking-parts';
import type { BookingState } from '../domain/booking.state';
import { bookingReservationId, bookingStream, rescheduleStream } from './booking-streams';

/**
 * Saga step 3: the slot-service's answer, routed by reservationId. The booking's own reservation settles the
 * booking; any other is an attempt of its reschedule process.
 */
export async function settleReservation(parts: BookingParts, message: IncomingMessage): Promise<void> {
  const { event } = message;
  const { bookingId, reservationId } = event.data as SlotReservedV1 | SlotReservationRejectedV1;
  const ownReservation = reservationId === bookingReservationId(bookingId);
  if (event.type === SlotEventTypes.reserved) {
    const { bookingId: _b, reservationId: _r, holdId: _h, ...slot } = event.data as SlotReservedV1;
    if (ownReservation) {
      const confirmed = await parts.bookings.handle(bookingStream(bookingId), { type: 'ConfirmBooking', reservationId, slot }, reactionContext(event, 'confirm-booking'));
      await supersedeReplaced(parts, message, confirmed.state);
    } else {
      await parts.reschedules.handle(
        rescheduleStream(bookingId),
        { type: 'RecordRescheduleReservation', rescheduleId: reservationId, slot },
        reactionContext(event, 'record-reschedule-reservation'),
      );
      await moveAppointment(parts, message, bookingId, reservationId);
    }
    return;
  }
  const { reason } = event.data as SlotReservationRejectedV1;
  if (ownReservation) {
    await parts.bookings.handle(bookingStream(bookingId), { type: 'RejectBooking', reservationId, reason }, reactionContext(event, 'reject-booking'));
  } else {
    await parts.reschedules.handle(rescheduleStream(bookingId), { type: 'RefuseReschedule', rescheduleId: reservationId, reason }, reactionContext(event, 'refuse-reschedule'));
  }
}

/**
 * A reschedule attempt holds its new place: move the appointment there, then close the attempt. Safe to run again
 * after a crash at any step (each command recognises its own repeat); an attempt not (or no longer) reserved —
 * one that timed out first, say — moves nothing, and the slot-service releases the late place.
 */
async function moveAppointment(parts: BookingParts, message: IncomingMessage, bookingId: string, rescheduleId: string): Promise<void> {
  const { event } = message;
  const { state } = await parts.reschedules.load(rescheduleStream(bookingId));
  const attempt = state.attempts[rescheduleId];
  if (attempt?.status !== 'reserved') return;
  const moved = await parts.bookings.handle(
    bookingStream(bookingId),
    { type: 'ApplyReschedule', reservationId: rescheduleId, slot: attempt.slot! },
    reactionContext(event, 'apply-reschedule'),
  );
  const arrived = moved.events.length > 0 || moved.state.place?.reservationId === rescheduleId;
  await parts.reschedules.handle(
    rescheduleStream(bookingId),
    arrived ? { type: 'CompleteReschedule', rescheduleId } : { type: 'AbandonReschedule', rescheduleId, reason: `booking_${moved.state.status ?? 'missing'}` },
    reactionContext(event, 'close-reschedule'),
  );
}

/**
 * A rebook's new appointment is booked: the appointment it replaces is cancelled now, pointing at it (book first,
 * cancel after). A redelivered answer repeats both commands, and each recognises its own repeat.
 */
async function supersedeReplaced(parts: BookingParts, message: IncomingMessage, booking: BookingState): Promise<void> {
  const supersedes = booking.request?.supersedes;
  if (!supersedes || booking.status !== 'booked') return;
  await parts.bookings.handle(
    bookingStream(supersedes),
    { type: 'SupersedeBooking', supersededBy: booking.request!.bookingId },
    reactionContext(message.event, 'supersede-booking'),
  );
}
