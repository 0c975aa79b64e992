import { Type } from 'class-transformer';
import { IsDefined, IsObject, ValidateNested } from 'class-validator';
import { IsNhsNumber, IsOmittable } from '@app/service-kit';
import { textLimits } from '../domain/appointment-text';
import { LimitedText, ReasonableAdjustments } from './appointment-text.validators';
import { Nested, PatientContactDto, SupporterDto } from './contact-details.dtos';
import { IsCalendarDate } from '@app/service-kit';

export class PatientDto {
  @IsNhsNumber()
  nhsNumber!: string;

  @IsOmittable() @LimitedText('patient.name', textLimits.patientName)
  name?: string;

  @IsOmittable() @IsCalendarDate()
  dateOfBirth?: string;

  // Left out, or an object: null is refused (nothing to remove yet).
  @IsOmittable() @Nested(() => PatientContactDto)
  contact?: PatientContactDto;
}

export class BookAppointmentDto {
  @LimitedText('slotId', 100)
  slotId!: string;

  @IsOmittable() @LimitedText('holdId', 100)
  holdId?: string;

  @IsDefined() @IsObject() @ValidateNested() @Type(() => PatientDto)
  patient!: PatientDto;

  @LimitedText('description', textLimits.description)
  description!: string;

  @IsOmittable() @LimitedText('comment', textLimits.comment)
  comment?: string;

  @IsOmittable() @ReasonableAdjustments()
  reasonableAdjustments?: string[];

  @IsOmittable() @Nested(() => SupporterDto)
  supporter?: SupporterDto;
}
