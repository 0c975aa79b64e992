import { ValidationOptions, registerDecorator } from 'class-validator';
import { isValidNhsNumber } from '@app/contracts';

/** A 10-digit NHS number whose check digit passes modulus 11. */
export function IsNhsNumber(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isNhsNumber',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: 'must be a 10-digit NHS number with a valid modulus-11 check digit', ...options },
      validator: { validate: (value: unknown) => typeof value === 'string' && isValidNhsNumber(value) },
    });
}
