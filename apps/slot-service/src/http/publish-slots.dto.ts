import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsOmittable } from '@app/service-kit';

export const deliveryChannels = ['in-person', 'telephone', 'video'] as const;
export const odsCode = /^[A-Z0-9]{3,10}$/;
const withOffset = /(Z|[+-]\d{2}:\d{2})$/;

/** An RFC 3339 instant with its offset (Z or ±hh:mm). */
const IsInstant =
  (field: string): PropertyDecorator =>
  (target, key) => {
    IsISO8601({ strict: true }, { message: `${field} must be an ISO 8601 instant` })(target, key);
    Matches(withOffset, { message: `${field} must carry an offset (Z or ±hh:mm)` })(target, key);
  };

export class BookableByDto {
  @IsOmittable() @IsArray() @Matches(odsCode, { each: true, message: 'each organisation must be an ODS code (3-10 capital letters or digits)' })
  organisations?: string[];

  @IsOmittable() @IsArray() @IsString({ each: true }) @IsNotEmpty({ each: true })
  organisationTypes?: string[];

  @IsOmittable() @IsArray() @IsString({ each: true }) @IsNotEmpty({ each: true })
  federations?: string[];
}

export class SlotDto {
  @Matches(odsCode, { message: 'organisation must be an ODS code (3-10 capital letters or digits)' })
  organisation!: string;

  /** The host's name as patients know it (messages name the provider by it); trimmed, 1 to 200 characters. */
  @IsOmittable()
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString() @IsNotEmpty({ message: 'organisationName must not be blank' }) @MaxLength(200)
  organisationName?: string;

  @IsOmittable() @IsString() @IsNotEmpty() @MaxLength(200)
  location?: string;

  @IsOmittable() @IsString() @IsNotEmpty() @MaxLength(200)
  practitionerRole?: string;

  @IsString() @IsNotEmpty()
  serviceType!: string;

  @IsIn(deliveryChannels, { message: `deliveryChannel must be one of ${deliveryChannels.join(', ')}` })
  deliveryChannel!: (typeof deliveryChannels)[number];

  @IsInstant('start')
  start!: string;

  @IsInstant('end')
  end!: string;

  /** Places in the slot; 1 when left out. */
  @IsOmittable() @IsInt() @Min(1) @Max(1000)
  capacity?: number;

  /** Who besides the owning organisation may book; anyone when left out. */
  @IsOmittable() @ValidateNested() @Type(() => BookableByDto)
  bookableBy?: BookableByDto;

  /** Embargo: before this instant only the owning organisation sees or books the slot. */
  @IsOmittable() @IsInstant('visibleFrom')
  visibleFrom?: string;
}

export class PublishSlotsDto {
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(500) @ValidateNested({ each: true }) @Type(() => SlotDto)
  slots!: SlotDto[];
}
