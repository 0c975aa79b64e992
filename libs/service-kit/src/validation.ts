import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { checkOutline } from './input-outline';
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

/**
 * A plain input read as a DTO: its outline checked first (see {@link checkOutline}), then the rules run on what the
 * outline kept; every field that broke either is named (InvalidInputException). Unknown fields are refused, not dropped.
 */
export function validatedAs<T extends object>(dto: new () => T, input: unknown, name = 'body'): T {
  const outline = checkOutline(input, dto, name);
  const instance = plainToInstance(dto, outline.kept);
  const ruleErrors = flattenValidationErrors(validateSync(instance, { whitelist: true, forbidNonWhitelisted: true }));
  const errors = [...outline.errors, ...ruleErrors.filter((error) => !outline.told(error.field))];
  if (errors.length > 0) throw new InvalidInputException(errors);
  return instance;
}

/** Every DTO parameter (body, query) is read with {@link validatedAs}; other parameters as Nest's pipe reads them. */
class StrictValidationPipe extends ValidationPipe {
  constructor() {
    super({ transform: true });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    return this.toValidate(metadata) ? validatedAs(metadata.metatype as new () => object, value, metadata.type) : super.transform(value, metadata);
  }
}

export const strictValidationPipe = (): ValidationPipe => new StrictValidationPipe();
