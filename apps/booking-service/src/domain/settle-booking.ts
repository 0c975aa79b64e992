import type { ConfirmBooking, RejectBooking, TimeOutBooking } from './booking.commands';
import type { BookingEvent } from './booking.events';
import type { BookingState } from './booking.state';

/**
 * The saga's outcome settles a pending booking. Only the booking's own reservation counts, and only while it is
 * pending: a redelivered outcome, or one that arrives after the deadline, changes nothing here (the slot-service
 * releases a late reservation on the SlotReleaseRequested the timeout published).
 */
const awaiting = (state: BookingState, reservationId: string): boolean =>
  state.status === 'pending' && state.request?.reservationId === reservationId;

export function confirmBooking(command: ConfirmBooking, state: BookingState): BookingEvent[] {
  if (!awaiting(state, command.reservationId)) return [];
  const { bookingId, reservationId, bookedBy, supersedes } = state.request!;
  // The patient's contact and the supporter as they are now: a pending booking may have been amended.
  const { patient, supporter } = state;
  return [{ type: 'BookingConfirmed', data: { ...command.slot, reservationId, bookingId, patient: patient!, supporter, ...state.details!, bookedBy, supersedes } }];
}

export function rejectBooking(command: RejectBooking, state: BookingState): BookingEvent[] {
  if (!awaiting(state, command.reservationId)) return [];
  const { bookingId, reservationId, slotId } = state.request!;
  return [{ type: 'BookingRejected', data: { bookingId, reservationId, slotId, reason: command.reason } }];
}

export function timeOutBooking(command: TimeOutBooking, state: BookingState): BookingEvent[] {
  if (state.status !== 'pending' || command.at.getTime() < Date.parse(state.deadline!)) return [];
  const { bookingId, reservationId, slotId } = state.request!;
  return [{ type: 'BookingRejected', data: { bookingId, reservationId, slotId, reason: 'timeout' } }];
}
