import type { ApplyReschedule } from './booking.commands';
import type { BookingEvent } from './booking.events';
import type { BookingState } from './booking.state';

/**
 * The reschedule process reserved a new place: a booked appointment moves there, and its previous place is
 * named for release. One no longer booked (cancelled meanwhile) does not move; the process then gives the new
 * place back. Already there: nothing to do (a repeat).
 */
export function applyReschedule(command: ApplyReschedule, state: BookingState): BookingEvent[] {
  if (state.status !== 'booked' || state.place!.reservationId === command.reservationId) return [];
  const { reservationId, slot } = command;
  return [{ type: 'BookingRescheduled', data: { bookingId: state.request!.bookingId, place: { ...slot, reservationId }, previous: state.place! } }];
}
