import { IsIn, IsOptional } from 'class-validator';
import type { AttendanceStatus } from '@app/contracts';
import { textLimits } from '../domain/appointment-text';
import { LimitedText } from './appointment-text.validators';

export class CancelAppointmentDto {
  @LimitedText('reason', textLimits.reason)
  reason!: string;
}

export const attendanceStatuses: AttendanceStatus[] = ['arrived', 'attended', 'did-not-attend'];

export class RecordAttendanceDto {
  @IsIn(attendanceStatuses, { message: `status must be one of ${attendanceStatuses.join(', ')}` })
  status!: AttendanceStatus;

  @IsOptional() @LimitedText('reason', textLimits.reason)
  reason?: string;
}

export class RescheduleAppointmentDto {
  @LimitedText('slotId', 100)
  slotId!: string;

  @IsOptional() @LimitedText('holdId', 100)
  holdId?: string;
}

export class RebookAppointmentDto extends RescheduleAppointmentDto {
  @LimitedText('reason', textLimits.reason)
  reason!: string;

  @IsOptional() @LimitedText('description', textLimits.description)
  description?: string;
}
