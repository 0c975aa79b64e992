import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { IsInstant, IsNhsNumber, longestPageCursor } from '@app/service-kit';
import { IsHttpsUrl, IsInstantAfter, IsText } from './registry.validators';

/** A provider's appointment held outside this platform. */
export class RecordEntryDto {
  @IsText(100)
  appointmentId!: string;

  @IsHttpsUrl()
  appointmentUrl!: string;

  @IsNhsNumber()
  nhsNumber!: string;

  /** ODS code of the provider: the caller's own. */
  @IsText(20)
  organisation!: string;

  @IsText(100)
  serviceType!: string;

  @IsInstant()
  start!: string;

  @IsInstant() @IsInstantAfter('start')
  end!: string;

  /** Id of the registry entry this appointment replaces. */
  @IsOptional() @IsText(100)
  supersedes?: string;
}

export class ChangeEntryDto {
  @IsOptional() @IsText(500)
  reason?: string;
}

export class AccessLogQueryDto {
  @IsOptional() @IsNhsNumber()
  nhsNumber?: string;

  @IsOptional() @IsText(20)
  organisation?: string;

  @IsOptional() @IsInstant()
  from?: string;

  @IsOptional() @IsInstant()
  to?: string;

  @IsOptional() @IsString() @MaxLength(longestPageCursor)
  cursor?: string;

  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500)
  limit?: number;
}

export class ChangesQueryDto {
  @IsOptional() @IsString() @MaxLength(longestPageCursor)
  after?: string;

  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(1000)
  limit?: number;
}
