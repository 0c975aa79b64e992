import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import { IsNhsNumber } from '@app/service-kit';
import { IsInstant } from '@app/service-kit';

export class ListAppointmentsQuery {
  @IsNhsNumber()
  patient!: string;

  /** One status or a comma-separated list. */
  @IsOptional() @IsString()
  status?: string;

  @IsOptional() @IsInstant()
  from?: string;

  @IsOptional() @IsInstant()
  to?: string;

  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500)
  limit?: number;

  @IsOptional() @IsString()
  cursor?: string;
}
