import { given } from '@app/eventstore/testing/given-when-then';
import type { AmendBooking } from './booking.commands';
import { bookingDecider } from './booking.decider';
import { attendance, before, booked, cancelled, duringAppointment, rejectedAs, requested } from './testing/booking-fixtures';

const amend = (changes: AmendBooking['changes'], at = before): AmendBooking => ({ type: 'AmendBooking', changes, at });
const withComment = [...booked, { type: 'BookingAmended' as const, data: { bookingId: 'b1', description: 'Blood test', comment: 'old', reasonableAdjustments: ['ramp'] } }];

describe('amending an appointment', () => {
  it('records the whole new description, comment and adjustments', () =>
    given(bookingDecider, booked)
      .when(amend({ comment: 'bring glasses', reasonableAdjustments: ['wheelchair access'] }))
      .then([{ type: 'BookingAmended', data: { bookingId: 'b1', description: 'Blood test', comment: 'bring glasses', reasonableAdjustments: ['wheelchair access'] } }]));
  it('removes a comment and adjustments given as null', () =>
    given(bookingDecider, withComment)
      .when(amend({ comment: null, reasonableAdjustments: null }))
      .then([{ type: 'BookingAmended', data: { bookingId: 'b1', description: 'Blood test' } }]));
  it('keeps fields left out', () =>
    given(bookingDecider, withComment)
      .when(amend({ description: 'Fasting blood test' }))
      .then([{ type: 'BookingAmended', data: { bookingId: 'b1', description: 'Fasting blood test', comment: 'old', reasonableAdjustments: ['ramp'] } }]));
  it('appends nothing when nothing changes', () => given(bookingDecider, booked).when(amend({ description: 'Blood test' })).then([]));
  it('may amend a pending booking', () =>
    given(bookingDecider, [requested])
      .when(amend({ comment: 'c' }))
      .then([{ type: 'BookingAmended', data: { bookingId: 'b1', description: 'Blood test', comment: 'c' } }]));
  it('refuses text over the limits', () => given(bookingDecider, booked).when(amend({ description: 'x'.repeat(101) })).thenFails('description_invalid'));
  it('refuses a cancelled appointment', () => given(bookingDecider, [...booked, cancelled]).when(amend({ comment: 'c' })).thenFails('booking_not_amendable'));
  it('refuses a rejected booking', () => given(bookingDecider, [requested, rejectedAs('slot_full')]).when(amend({ comment: 'c' })).thenFails('booking_not_amendable'));
  it('refuses an attended appointment', () =>
    given(bookingDecider, [...booked, attendance('attended')]).when(amend({ comment: 'c' }, duringAppointment)).thenFails('booking_not_amendable'));
  it('refuses a did-not-attend appointment', () =>
    given(bookingDecider, [...booked, attendance('did-not-attend')]).when(amend({ comment: 'c' }, duringAppointment)).thenFails('booking_not_amendable'));
  it('refuses an appointment that has started', () =>
    given(bookingDecider, booked).when(amend({ comment: 'c' }, duringAppointment)).thenFails('appointment_in_past'));
});
