import type { Actor, AttendanceStatus } from '@app/contracts';
import { RequestMeta, requestContext } from '@app/service-kit';
import { authorize, currentAppointment } from './appointment-access';
import type { BookingParts } from './booking-parts';
import { bookingStream } from './booking-streams';
import { changeCommandId } from './command-ids';
import { WriteAnswer, answerAfterWrite } from './write-answer';

export interface Attendance {
  status: AttendanceStatus;
  reason?: string;
}

/** Arrived, attended or did-not-attend: recorded by the hosting organisation's clinicians and provider admins. */
export async function recordAttendance(parts: BookingParts, bookingId: string, attendance: Attendance, actor: Actor, meta: RequestMeta): Promise<WriteAnswer> {
  authorize(await currentAppointment(parts, bookingId), bookingId, actor, 'attendance');
  const context = requestContext(actor, meta, changeCommandId('attendance', bookingId, actor, meta, attendance));
  const result = await parts.bookings.handle(bookingStream(bookingId), { type: 'RecordAttendance', ...attendance, at: context.now }, context);
  return answerAfterWrite(parts, bookingId, result);
}
