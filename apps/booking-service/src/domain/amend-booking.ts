import { checkDetails } from './appointment-text';
import type { AmendBooking } from './booking.commands';
import type { AppointmentDetails, BookingEvent } from './booking.events';
import { requireFuture, requireStatus } from './booking-rules';
import type { BookingState } from './booking.state';
import { canonicalJson } from '@app/eventstore/canonical-json';

const withoutEmpty = (details: AppointmentDetails): AppointmentDetails =>
  Object.fromEntries(Object.entries(details).filter(([, value]) => value !== undefined && value !== null)) as AppointmentDetails;

/** Description, comment and reasonable adjustments only; time and place change through reschedule or rebook. */
export function amendBooking(command: AmendBooking, state: BookingState): BookingEvent[] {
  requireStatus(state, ['pending', 'booked'], 'booking_not_amendable', 'amended');
  requireFuture(state.place?.start, command.at, 'amended');
  const { changes } = command;
  const current = state.details!;
  const next = withoutEmpty({
    description: changes.description ?? current.description,
    comment: changes.comment === null ? undefined : (changes.comment ?? current.comment),
    reasonableAdjustments: changes.reasonableAdjustments === null ? undefined : (changes.reasonableAdjustments ?? current.reasonableAdjustments),
  });
  checkDetails(next);
  if (canonicalJson(next) === canonicalJson(withoutEmpty(current))) return [];
  return [{ type: 'BookingAmended', data: { bookingId: state.request!.bookingId, ...next } }];
}
