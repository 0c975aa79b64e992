import { ValidationOptions, registerDecorator } from 'class-validator';

const rfc3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;

/** An RFC 3339 instant: date, time and an offset (Z or ±hh:mm), so it names one moment everywhere. */
export const isInstant = (value: unknown): value is string => typeof value === 'string' && rfc3339.test(value) && !Number.isNaN(Date.parse(value));

export function IsInstant(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isInstant',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: `${String(propertyName)} must be an RFC 3339 instant with an offset, e.g. 2030-03-01T09:00:00Z`, ...options },
      validator: { validate: isInstant },
    });
}

/** A real calendar date written YYYY-MM-DD (no 2030-02-30). */
export function IsCalendarDate(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isCalendarDate',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: `${String(propertyName)} must be a calendar date, YYYY-MM-DD`, ...options },
      validator: {
        validate: (value: unknown) =>
          typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value),
      },
    });
}
