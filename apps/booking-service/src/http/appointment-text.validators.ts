import { applyDecorators } from '@nestjs/common';
import { ArrayMaxSize, ValidationArguments, registerDecorator } from 'class-validator';
import { textLimits } from '../domain/appointment-text';

const isText = (value: unknown, max: number): boolean => typeof value === 'string' && value.trim() !== '' && value.length <= max;

/** Text of 1 to `max` characters: anything else is one error naming the field (longer text is refused, never cut). */
export function LimitedText(field: string, max: number): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'limitedText',
      target: target.constructor,
      propertyName: propertyName as string,
      constraints: [max], // the bound, readable from the metadata
      options: { message: `${field} must be text of 1 to ${max} characters; longer text is refused, never truncated` },
      validator: { validate: (value: unknown) => isText(value, max) },
    });
}

const tooManyAdjustments = `reasonableAdjustments must have at most ${textLimits.reasonableAdjustments} items`;

const adjustmentsProblem = (value: unknown): string | undefined => {
  const { reasonableAdjustments: most, reasonableAdjustment: longest } = textLimits;
  if (!Array.isArray(value)) return 'reasonableAdjustments must be a list of text';
  if (value.length > most) return tooManyAdjustments;
  const bad = value.findIndex((item) => !isText(item, longest));
  return bad < 0 ? undefined : `reasonableAdjustments[${bad}] must be text of 1 to ${longest} characters; longer text is refused, never truncated`;
};

/** At most 20 adjustments, each 1 to 200 characters: one error naming the list (and the item at fault). */
export function ReasonableAdjustments(): PropertyDecorator {
  const rules: PropertyDecorator = (target, propertyName) =>
    registerDecorator({
      name: 'reasonableAdjustments',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: (args: ValidationArguments) => adjustmentsProblem(args.value) ?? '' },
      validator: { validate: (value: unknown) => adjustmentsProblem(value) === undefined },
    });
  // The bound is also declared, so a longer list is refused before anything walks it.
  return applyDecorators(rules, ArrayMaxSize(textLimits.reasonableAdjustments, { message: tooManyAdjustments }));
}
