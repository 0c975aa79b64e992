import { applyDecorators } from '@nestjs/common';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsObject,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { odsCode } from '@app/access';
import { IsInstant, IsOmittable } from '@app/service-kit';

export const deliveryChannels = ['in-person', 'telephone', 'video'] as const;

/** Who may book is read on every search: each list is bounded, and so is each name in it. */
export const bookableByLimits = { entries: 100, name: 100 } as const;

/** A list of at most 100 names, each of 1 to 100 characters. */
const NameList = () =>
  applyDecorators(IsArray(), ArrayMaxSize(bookableByLimits.entries), IsString({ each: true }), IsNotEmpty({ each: true }), MaxLength(bookableByLimits.name, { each: true }));

export class BookableByDto {
  @IsOmittable() @IsArray() @ArrayMaxSize(bookableByLimits.entries)
  @Matches(odsCode, { each: true, message: 'each organisation must be an ODS code (3-10 capital letters or digits)' })
  organisations?: string[];

  @IsOmittable() @NameList()
  organisationTypes?: string[];

  @IsOmittable() @NameList()
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

  /** Named in the patient's messages. */
  @IsString() @IsNotEmpty() @MaxLength(200)
  serviceType!: string;

  @IsIn(deliveryChannels, { message: `deliveryChannel must be one of ${deliveryChannels.join(', ')}` })
  deliveryChannel!: (typeof deliveryChannels)[number];

  @IsInstant()
  start!: string;

  @IsInstant()
  end!: string;

  /** Places in the slot; 1 when left out. */
  @IsOmittable() @IsInt() @Min(1) @Max(1000)
  capacity?: number;

  /** Who besides the owning organisation may book; anyone when left out. */
  @IsOmittable() @IsObject() @ValidateNested() @Type(() => BookableByDto)
  bookableBy?: BookableByDto;

  /** Embargo: before this instant only the owning organisation sees or books the slot. */
  @IsOmittable() @IsInstant()
  visibleFrom?: string;
}

export class PublishSlotsDto {
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(500) @ValidateNested({ each: true }) @Type(() => SlotDto)
  slots!: SlotDto[];
}
