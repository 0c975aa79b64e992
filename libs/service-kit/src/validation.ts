import { ValidationError, ValidationPipe } from '@nestjs/common';
import { FieldError } from './problem';
import { InvalidInputException } from './problem.filter';

/** Flattens class-validator's nested errors into `{field: "patient.nhsNumber", message}` pairs. */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? (/^\d+$/.test(error.property) ? `${parent}[${error.property}]` : `${parent}.${error.property}`) : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}

/** Strict input: unknown fields are refused, not silently dropped. */
export const strictValidationPipe = (): ValidationPipe =>
  new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => new InvalidInputException(flattenValidationErrors(errors)),
  });
