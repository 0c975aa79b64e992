import { randomUUID } from 'node:crypto';
import type { Actor } from '@app/contracts';
import { CommandResult, deterministicId } from '@app/eventstore';
import { RequestMeta, requestContext } from '@app/service-kit';
import type { ReplacedBooking } from '../domain/booking.commands';
import type { BookingRequest, Patient } from '../domain/booking.events';
import type { BookingState } from '../domain/booking.state';
import type { Supporter } from '../domain/contact-details';
import { requestMeaning } from '../domain/request-booking';
import type { BookingParts } from './booking-parts';
import { bookingReservationId, bookingStream, requesterOf } from './booking-streams';
import { WriteAnswer, appointmentLocation, awaitAppointment } from './write-answer';

export interface BookAppointment {
  slotId: string;
  holdId?: string;
  /** With `contact` when given. */
  patient: Patient;
  supporter?: Supporter;
  description: string;
  comment?: string;
  reasonableAdjustments?: string[];
}

/** The same Idempotency-Key from the same organisation always names the same booking, so a repeat never books twice. */
export const newBookingId = (actor: Actor, meta: RequestMeta): string =>
  meta.idempotencyKey ? deterministicId('booking', actor.organisation, meta.idempotencyKey) : randomUUID();

/** A booking request of the actor's organisation, with its own reservation. */
export const bookingRequest = (bookingId: string, actor: Actor, fields: BookAppointment & Partial<BookingRequest>): BookingRequest => ({
  ...fields,
  bookingId,
  reservationId: bookingReservationId(bookingId),
  bookedBy: requesterOf(actor),
});

/**
 * Saga step 1: records the request, pending until the slot-service answers or the deadline passes. The command id
 * carries the request's meaning: a repeat is recognised as such, another request under the same key is decided
 * (and refused, idempotency_key_reused).
 */
export function requestBooking(
  parts: BookingParts,
  request: BookingRequest,
  actor: Actor,
  meta: RequestMeta,
  replacing?: ReplacedBooking,
): Promise<CommandResult<BookingState>> {
  const context = requestContext(actor, meta, deterministicId('request-booking', request.bookingId, requestMeaning(request)));
  const deadline = new Date(context.now.getTime() + parts.options.deadlineMs);
  return parts.bookings.handle(bookingStream(request.bookingId), { type: 'RequestBooking', request, at: context.now, deadline, replacing }, context);
}

/** Waits (bounded) for the saga: the appointment once decided, still pending (202), or the slot-service's refusal. */
export async function awaitBookingOutcome(parts: BookingParts, bookingId: string): Promise<WriteAnswer> {
  const view = await awaitAppointment(parts, bookingId, (appointment) => appointment.status !== 'pending');
  if (!view) return { kind: 'accepted', id: bookingId, location: appointmentLocation(bookingId) };
  if (view.status === 'rejected') return { kind: 'refused', reason: view.rejectionReason ?? 'rejected', appointmentId: bookingId };
  return { kind: 'appointment', view };
}

export async function bookAppointment(parts: BookingParts, input: BookAppointment, actor: Actor, meta: RequestMeta): Promise<WriteAnswer> {
  const bookingId = newBookingId(actor, meta);
  await requestBooking(parts, bookingRequest(bookingId, actor, input), actor, meta);
  return awaitBookingOutcome(parts, bookingId);
}
