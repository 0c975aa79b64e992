import { applyDecorators } from '@nestjs/common';
import { ArrayMaxSize, IsArray, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { textLimits } from '../domain/appointment-text';

/** Text with a limit: longer is refused naming the field, never cut. */
export const LimitedText = (field: string, max: number) =>
  applyDecorators(
    IsString(),
    IsNotEmpty({ message: `${field} must not be empty` }),
    MaxLength(max, { message: `${field} must be at most ${max} characters; it is never truncated` }),
  );

export const ReasonableAdjustments = () =>
  applyDecorators(
    IsArray(),
    ArrayMaxSize(textLimits.reasonableAdjustments, { message: `reasonableAdjustments must have at most ${textLimits.reasonableAdjustments} items` }),
    IsString({ each: true }),
    IsNotEmpty({ each: true, message: 'each reasonable adjustment must be text' }),
    MaxLength(textLimits.reasonableAdjustment, {
      each: true,
      message: `each reasonable adjustment must be at most ${textLimits.reasonableAdjustment} characters; it is never truncated`,
    }),
  );
