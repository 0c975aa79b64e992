import { Type } from 'class-transformer';
import { IsIn, IsISO8601, IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import { deliveryChannels } from './publish-slots.dto';

export class SearchSlotsQuery {
  @IsOptional() @IsString()
  organisation?: string;

  @IsOptional() @IsString()
  serviceType?: string;

  @IsOptional() @IsIn(deliveryChannels)
  deliveryChannel?: string;

  @IsOptional() @IsISO8601({ strict: true }, { message: 'start must be an ISO 8601 instant' })
  start?: string;

  @IsOptional() @IsISO8601({ strict: true }, { message: 'end must be an ISO 8601 instant' })
  end?: string;

  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500)
  limit?: number;
}
