import { ValidateIf } from 'class-validator';

/**
 * The field may be left out; when sent, its rules apply, so `null` is refused like any other wrong value (the
 * document then shows it optional, not nullable). class-validator's IsOptional lets null through too, and a null
 * nobody expects reaches the domain (a 500) or is stored and answered where the contract promises a string.
 * IsOptional stays where null means something (PATCH: null removes) and on query parameters (never null).
 */
export const IsOmittable = (): PropertyDecorator => ValidateIf((_object, value) => value !== undefined);
