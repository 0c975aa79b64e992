import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';

export const deliveryChannels = ['in-person', 'telephone', 'video'] as const;
const odsCode = /^[A-Z0-9]{3,10}$/;
const withOffset = /(Z|[+-]\d{2}:\d{2})$/;

export class BookableByDto {
  @IsOptional() @IsArray() @Matches(odsCode, { each: true, message: 'each organisation must be an ODS code (3-10 capital letters or digits)' })
  organisations?: string[];

  @IsOptional() @IsArray() @IsString({ each: true }) @IsNotEmpty({ each: true })
  organisationTypes?: string[];

  @IsOptional() @IsArray() @IsString({ each: true }) @IsNotEmpty({ each: true })
  federations?: string[];
}

export class SlotDto {
  @Matches(odsCode, { message: 'organisation must be an ODS code (3-10 capital letters or digits)' })
  organisation!: string;

  @IsString() @IsNotEmpty()
  serviceType!: string;

  @IsIn(deliveryChannels, { message: `deliveryChannel must be one of ${deliveryChannels.join(', ')}` })
  deliveryChannel!: (typeof deliveryChannels)[number];

  @IsISO8601({ strict: true }, { message: 'start must be an ISO 8601 instant' })
  @Matches(withOffset, { message: 'start must carry an offset (Z or ±hh:mm)' })
  start!: string;

  @IsISO8601({ strict: true }, { message: 'end must be an ISO 8601 instant' })
  @Matches(withOffset, { message: 'end must carry an offset (Z or ±hh:mm)' })
  end!: string;

  @IsOptional() @IsInt() @Min(1) @Max(1000)
  capacity?: number;

  @IsOptional() @ValidateNested() @Type(() => BookableByDto)
  bookableBy?: BookableByDto;
}

export class PublishSlotsDto {
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(500) @ValidateNested({ each: true }) @Type(() => SlotDto)
  slots!: SlotDto[];
}
