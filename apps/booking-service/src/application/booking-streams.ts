import type { Actor, Requester } from '@app/contracts';
import { deterministicId } from '@app/eventstore/deterministic-id';

/** The Booking: one appointment's own story. */
export const bookingStream = (bookingId: string): string => `booking-${bookingId}`;
/** The reschedule process of one booking: its attempts, which never touch the booking stream unless they succeed. */
export const rescheduleStream = (bookingId: string): string => `booking-reschedules-${bookingId}`;
/** A booking's own reservation; every reschedule attempt reserves under its own id. */
export const bookingReservationId = (bookingId: string): string => deterministicId('reservation', bookingId);

/** Who asks for a place: the acting organisation; federations sorted, so their order never changes a request's meaning. */
export const requesterOf = (actor: Actor): Requester => ({
  organisation: actor.organisation,
  organisationType: actor.organisationType,
  federations: [...actor.federations].sort(),
});
