import { DomainError } from '@app/eventstore/decider';
import type { AttendanceStatus } from './attendance';
import { checkReason } from './appointment-text';
import type { RecordAttendance } from './booking.commands';
import type { BookingEvent } from './booking.events';
import { hasStarted, requireStatus } from './booking-rules';
import type { BookingState, BookingStatus } from './booking.state';

/** From which status each attendance may be recorded: arrival first (optional), then attended or not. */
const recordableFrom: Record<AttendanceStatus, BookingStatus[]> = {
  arrived: ['booked'],
  attended: ['booked', 'arrived'],
  'did-not-attend': ['booked', 'arrived'],
};

export function recordAttendance(command: RecordAttendance, state: BookingState): BookingEvent[] {
  const { status, reason, at } = command;
  requireStatus(state, recordableFrom[status], 'attendance_not_recordable', `marked ${status}`);
  if (status !== 'arrived' && !hasStarted(state.place!.start, at)) {
    throw new DomainError('attendance_too_early', `an appointment cannot be marked ${status} before it starts (${state.place!.start})`, 'invalid');
  }
  checkReason(reason, false);
  return [{ type: 'BookingAttendanceRecorded', data: { bookingId: state.request!.bookingId, status, reason } }];
}
