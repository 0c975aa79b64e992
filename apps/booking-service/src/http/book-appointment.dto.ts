import { Type } from 'class-transformer';
import { IsDefined, IsNotEmpty, IsObject, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { IsNhsNumber } from '@app/service-kit';
import { commentMaxLength, descriptionMaxLength } from '../domain/booking.decider';

export class PatientDto {
  @IsNhsNumber()
  nhsNumber!: string;
}

export class BookAppointmentDto {
  @IsString() @IsNotEmpty() @MaxLength(100)
  slotId!: string;

  @IsDefined() @IsObject() @ValidateNested() @Type(() => PatientDto)
  patient!: PatientDto;

  @IsString() @IsNotEmpty() @MaxLength(descriptionMaxLength, { message: `description must be at most ${descriptionMaxLength} characters; it is never truncated` })
  description!: string;

  @IsOptional() @IsString() @MaxLength(commentMaxLength, { message: `comment must be at most ${commentMaxLength} characters; it is never truncated` })
  comment?: string;
}
