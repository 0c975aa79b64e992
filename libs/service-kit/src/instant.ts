import { ValidationOptions, registerDecorator } from 'class-validator';

// RFC 3339 `date-time`: hours 00-23, at most nanoseconds, an offset of Z or ±hh:mm. JavaScript reads every such form.
const rfc3339 = /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,9})?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$/i;

/** A real calendar date written YYYY-MM-DD (no 2030-02-30, which JavaScript reads as 2 March, nor 2030-13-01). */
export const isCalendarDate = (value: unknown): value is string => {
  const midnight = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? Date.parse(`${value}T00:00:00Z`) : NaN;
  return !Number.isNaN(midnight) && new Date(midnight).toISOString().startsWith(value as string);
};

/** An RFC 3339 instant: a real date, a time and an offset (Z or ±hh:mm), so it names one moment everywhere. */
export const isInstant = (value: unknown): value is string => {
  const match = typeof value === 'string' ? rfc3339.exec(value) : null;
  return match !== null && isCalendarDate(match[1]);
};

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

export function IsCalendarDate(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isCalendarDate',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: `${String(propertyName)} must be a calendar date, YYYY-MM-DD`, ...options },
      validator: { validate: isCalendarDate },
    });
}
