import { Type } from 'class-transformer';
import { IsDefined, IsObject, IsOptional, ValidateIf, ValidateNested } from 'class-validator';
import { IsNhsNumber } from '@app/service-kit';
import { textLimits } from '../domain/appointment-text';
import { LimitedText, ReasonableAdjustments } from './appointment-text.validators';
import { Nested, PatientContactDto, SupporterDto } from './contact-details.dtos';
import { IsCalendarDate } from '@app/service-kit';

export class PatientDto {
  @IsNhsNumber()
  nhsNumber!: string;

  @IsOptional() @LimitedText('patient.name', textLimits.patientName)
  name?: string;

  @IsOptional() @IsCalendarDate()
  dateOfBirth?: string;

  // Left out, or an object: null is refused (nothing to remove yet).
  @ValidateIf((_, value) => value !== undefined) @Nested(() => PatientContactDto)
  contact?: PatientContactDto;
}

export class BookAppointmentDto {
  @LimitedText('slotId', 100)
  slotId!: string;

  @IsOptional() @LimitedText('holdId', 100)
  holdId?: string;

  @IsDefined() @IsObject() @ValidateNested() @Type(() => PatientDto)
  patient!: PatientDto;

  @LimitedText('description', textLimits.description)
  description!: string;

  @IsOptional() @LimitedText('comment', textLimits.comment)
  comment?: string;

  @IsOptional() @ReasonableAdjustments()
  reasonableAdjustments?: string[];

  @ValidateIf((_, value) => value !== undefined) @Nested(() => SupporterDto)
  supporter?: SupporterDto;
}
