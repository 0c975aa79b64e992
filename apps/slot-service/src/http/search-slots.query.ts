import { Type } from 'class-transformer';
import { IsIn, IsISO8601, IsInt, IsNotEmpty, IsOptional, IsString, Max, Min } from 'class-validator';
import { deliveryChannels } from './publish-slots.dto';

export class SearchSlotsQuery {
  /** One ODS code, or several separated by commas. */
  @IsOptional() @IsString() @IsNotEmpty()
  organisation?: string;

  /** Slots whose bookableBy names this federation. */
  @IsOptional() @IsString() @IsNotEmpty()
  federation?: string;

  @IsOptional() @IsString()
  serviceType?: string;

  @IsOptional() @IsIn(deliveryChannels, { message: `deliveryChannel must be one of ${deliveryChannels.join(', ')}` })
  deliveryChannel?: string;

  @IsOptional() @IsISO8601({ strict: true }, { message: 'start must be an ISO 8601 instant' })
  start?: string;

  @IsOptional() @IsISO8601({ strict: true }, { message: 'end must be an ISO 8601 instant' })
  end?: string;

  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500)
  limit?: number;

  /** The `next` of the previous page. */
  @IsOptional() @IsString() @IsNotEmpty()
  cursor?: string;
}
