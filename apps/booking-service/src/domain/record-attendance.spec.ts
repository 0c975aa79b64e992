import { given } from '@app/eventstore/testing/given-when-then';
import type { RecordAttendance } from './booking.commands';
import { bookingDecider } from './booking.decider';
import { attendance, before, booked, cancelled, duringAppointment, requested } from './testing/booking-fixtures';

const record = (status: RecordAttendance['status'], at = duringAppointment, reason?: string): RecordAttendance => ({ type: 'RecordAttendance', status, reason, at });

describe('recording attendance', () => {
  it('records arrival, also before the start', () => given(bookingDecider, booked).when(record('arrived', before)).then([attendance('arrived')]));
  it('records attended once the appointment has started', () => given(bookingDecider, booked).when(record('attended')).then([attendance('attended')]));
  it('records attended after arrival', () => given(bookingDecider, [...booked, attendance('arrived')]).when(record('attended')).then([attendance('attended')]));
  it('records did-not-attend with a reason', () =>
    given(bookingDecider, booked)
      .when(record('did-not-attend', duringAppointment, 'no answer at the door'))
      .then([{ type: 'BookingAttendanceRecorded', data: { bookingId: 'b1', status: 'did-not-attend', reason: 'no answer at the door' } }]));
  it('refuses attended before the start', () => given(bookingDecider, booked).when(record('attended', before)).thenFails('attendance_too_early'));
  it('refuses did-not-attend before the start', () => given(bookingDecider, booked).when(record('did-not-attend', before)).thenFails('attendance_too_early'));
  it('refuses a cancelled appointment', () => given(bookingDecider, [...booked, cancelled]).when(record('attended')).thenFails('attendance_not_recordable'));
  it('refuses a pending booking', () => given(bookingDecider, [requested]).when(record('arrived')).thenFails('attendance_not_recordable'));
  it('refuses to change an outcome already recorded', () =>
    given(bookingDecider, [...booked, attendance('attended')]).when(record('did-not-attend')).thenFails('attendance_not_recordable'));
  it('refuses a second arrival', () => given(bookingDecider, [...booked, attendance('arrived')]).when(record('arrived')).thenFails('attendance_not_recordable'));
  it('refuses a reason over 200 characters', () =>
    given(bookingDecider, booked).when(record('did-not-attend', duringAppointment, 'x'.repeat(201))).thenFails('reason_invalid'));
});
