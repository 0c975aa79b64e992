import { given } from '@app/eventstore/testing/given-when-then';
import { bookingDecider } from './booking.decider';
import { attendance, before, booked, cancelled, duringAppointment, rejectedAs, requested, rescheduled } from './testing/booking-fixtures';

const cancel = (at = before, reason = 'patient asked') => ({ type: 'CancelBooking' as const, reason, at });

describe('cancelling an appointment', () => {
  it('cancels a booked future appointment, naming the reservation to release', () => given(bookingDecider, booked).when(cancel()).then([cancelled]));
  it('needs a reason', () => given(bookingDecider, booked).when(cancel(before, ' ')).thenFails('reason_invalid'));
  it('refuses a reason over 200 characters', () => given(bookingDecider, booked).when(cancel(before, 'x'.repeat(201))).thenFails('reason_invalid'));
  it('refuses an appointment that has started', () => given(bookingDecider, booked).when(cancel(duringAppointment)).thenFails('appointment_in_past'));
  it('refuses a cancelled appointment', () => given(bookingDecider, [...booked, cancelled]).when(cancel()).thenFails('booking_not_cancellable'));
  it('refuses an attended appointment', () => given(bookingDecider, [...booked, attendance('attended')]).when(cancel()).thenFails('booking_not_cancellable'));
  it('refuses a did-not-attend appointment', () =>
    given(bookingDecider, [...booked, attendance('did-not-attend')]).when(cancel()).thenFails('booking_not_cancellable'));
  it('refuses a pending booking', () => given(bookingDecider, [requested]).when(cancel()).thenFails('booking_not_cancellable'));
  it('refuses a rejected booking', () => given(bookingDecider, [requested, rejectedAs('slot_full')]).when(cancel()).thenFails('booking_not_cancellable'));
  it('releases the place the appointment holds after a reschedule', () =>
    given(bookingDecider, [...booked, rescheduled])
      .when(cancel())
      .then([{ type: 'BookingCancelled', data: { bookingId: 'b1', reservationId: 'x1', slotId: 's2', reason: 'patient asked' } }]));
});

describe('superseding an appointment (a rebook’s new appointment was booked)', () => {
  const supersede = { type: 'SupersedeBooking' as const, supersededBy: 'b2' };
  it('cancels it with reason superseded, pointing at the new one', () =>
    given(bookingDecider, booked)
      .when(supersede)
      .then([{ type: 'BookingCancelled', data: { bookingId: 'b1', reservationId: 'r1', slotId: 's1', reason: 'superseded', supersededBy: 'b2' } }]));
  it('leaves an appointment no longer booked as it is', () => given(bookingDecider, [...booked, cancelled]).when(supersede).then([]));
  it('leaves an attended appointment as it is', () => given(bookingDecider, [...booked, attendance('arrived')]).when(supersede).then([]));
});
