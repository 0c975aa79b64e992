import { IsIn } from 'class-validator';
import type { AttendanceStatus } from '@app/contracts';
import { IsOmittable } from '@app/service-kit';
import { textLimits } from '../domain/appointment-text';
import { LimitedText } from './appointment-text.validators';
import { Nested, PatientContactDto, SupporterDto } from './contact-details.dtos';

export class CancelAppointmentDto {
  @LimitedText('reason', textLimits.reason)
  reason!: string;
}

export const attendanceStatuses: AttendanceStatus[] = ['arrived', 'attended', 'did-not-attend'];

export class RecordAttendanceDto {
  @IsIn(attendanceStatuses, { message: `status must be one of ${attendanceStatuses.join(', ')}` })
  status!: AttendanceStatus;

  @IsOmittable() @LimitedText('reason', textLimits.reason)
  reason?: string;
}

export class RescheduleAppointmentDto {
  @LimitedText('slotId', 100)
  slotId!: string;

  @IsOmittable() @LimitedText('holdId', 100)
  holdId?: string;
}

/** A rebook is for the same patient: only the contact may be given. */
export class RebookPatientDto {
  @IsOmittable() @Nested(() => PatientContactDto)
  contact?: PatientContactDto;
}

export class RebookAppointmentDto extends RescheduleAppointmentDto {
  @LimitedText('reason', textLimits.reason)
  reason!: string;

  @IsOmittable() @LimitedText('description', textLimits.description)
  description?: string;

  /** Replaces the patient's contact on the new appointment; left out, the replaced appointment's is carried over. */
  @IsOmittable() @Nested(() => RebookPatientDto)
  patient?: RebookPatientDto;

  /** Replaces the supporter on the new appointment; left out, the replaced appointment's is carried over. */
  @IsOmittable() @Nested(() => SupporterDto)
  supporter?: SupporterDto;
}

