import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { IsInstant, IsNhsNumber, longestPageCursor } from '@app/service-kit';

export class ListAppointmentsQuery {
  @IsNhsNumber()
  patient!: string;

  /** One status or a comma-separated list. */
  @IsOptional() @IsString() @MaxLength(200)
  status?: string;

  @IsOptional() @IsInstant()
  from?: string;

  @IsOptional() @IsInstant()
  to?: string;

  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500)
  limit?: number;

  @IsOptional() @IsString() @MaxLength(longestPageCursor)
  cursor?: string;
}
