import { ValidationArguments, ValidationOptions, registerDecorator } from 'class-validator';
import { isInstant } from '@app/service-kit';

/** `constraints` make a bound readable from the metadata (`[max]` for text), as class-validator's own rules do. */
const decorator = (
  name: string,
  message: string | ((args: ValidationArguments) => string),
  validate: (value: unknown, args: ValidationArguments) => boolean,
  constraints: unknown[] = [],
) =>
  (options?: ValidationOptions): PropertyDecorator =>
  (target, propertyName) =>
    registerDecorator({ name, target: target.constructor, propertyName: propertyName as string, constraints, options: { message, ...options }, validator: { validate } });

/** An instant after the one in `field` (the end of an appointment after its start). */
export const IsInstantAfter = (field: string): PropertyDecorator =>
  decorator('isInstantAfter', (args) => `${args.property} must be after ${field}`, (value, args) => {
    const other = (args.object as Record<string, unknown>)[field];
    return !isInstant(value) || !isInstant(other) || Date.parse(value) > Date.parse(other);
  })();

/** Text of 1 to `max` characters (longer is refused, never cut). */
export const IsText = (max: number): PropertyDecorator =>
  decorator('isText', (args) => `${args.property} must be text of 1 to ${max} characters`, (value) => typeof value === 'string' && value.trim() !== '' && value.length <= max, [max])();

const longestUrl = 2000;

const isHttpsUrl = (value: unknown): boolean => {
  if (typeof value !== 'string' || value.length > longestUrl) return false;
  try {
    return new URL(value).protocol === 'https:';
  } catch {
    return false;
  }
};

/** Where the appointment itself is read: an https URL of at most 2000 characters. */
export const IsHttpsUrl = decorator('isHttpsUrl', (args) => `${args.property} must be an https URL of at most ${longestUrl} characters`, isHttpsUrl, [longestUrl]);
