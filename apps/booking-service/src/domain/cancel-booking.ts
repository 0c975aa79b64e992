import { checkReason } from './appointment-text';
import type { CancelBooking, SupersedeBooking } from './booking.commands';
import type { BookingEvent } from './booking.events';
import { requireFuture, requireStatus } from './booking-rules';
import type { BookingState } from './booking.state';

/** A booked appointment that has not started; its place is given back. */
export function cancelBooking(command: CancelBooking, state: BookingState): BookingEvent[] {
  requireStatus(state, ['booked'], 'booking_not_cancellable', 'cancelled');
  requireFuture(state.place!.start, command.at, 'cancelled');
  checkReason(command.reason, true);
  const { reservationId, slotId } = state.place!;
  return [{ type: 'BookingCancelled', data: { bookingId: state.request!.bookingId, reservationId, slotId, reason: command.reason } }];
}

/**
 * The rebook's new appointment is booked, so this one goes, pointing at its replacement. One no longer booked
 * (cancelled or attended meanwhile) stays as it is: the new appointment stands either way.
 */
export function supersedeBooking(command: SupersedeBooking, state: BookingState): BookingEvent[] {
  if (state.status !== 'booked') return [];
  const { reservationId, slotId } = state.place!;
  return [
    {
      type: 'BookingCancelled',
      data: { bookingId: state.request!.bookingId, reservationId, slotId, reason: 'superseded', supersededBy: command.supersededBy },
    },
  ];
}
