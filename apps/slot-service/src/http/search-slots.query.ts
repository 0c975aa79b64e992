import { Type } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { IsInstant, longestPageCursor } from '@app/service-kit';
import { bookableByLimits, deliveryChannels } from './publish-slots.dto';

export class SearchSlotsQuery {
  /** One ODS code, or several separated by commas: room for 100 (10 characters and a comma each). */
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(100 * 11)
  organisation?: string;

  /** Slots whose bookableBy names this federation. */
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(bookableByLimits.name)
  federation?: string;

  @IsOptional() @IsString() @MaxLength(200)
  serviceType?: string;

  @IsOptional() @IsIn(deliveryChannels, { message: `deliveryChannel must be one of ${deliveryChannels.join(', ')}` })
  deliveryChannel?: string;

  /** An RFC 3339 instant with an offset: never read in the server's time zone. */
  @IsOptional() @IsInstant()
  start?: string;

  @IsOptional() @IsInstant()
  end?: string;

  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500)
  limit?: number;

  /** The `next` of the previous page. */
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(longestPageCursor)
  cursor?: string;
}
