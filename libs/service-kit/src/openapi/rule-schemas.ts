import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';
import type { JsonSchema } from './json-schema';

/**
 * How a custom validation rule (one made with class-validator's registerDecorator) reads as JSON Schema, by the
 * rule's name. A rule taking a parameter (a length, say) passes it as its `constraints`, read here from the metadata.
 * Each rule is described next to where its owner is: service-kit's own below, a service's in its http/ folder.
 */
export type RuleSchema = JsonSchema | ((constraints: unknown[]) => JsonSchema);

const rules = new Map<string, RuleSchema>();

export function describeRules(schemas: Record<string, RuleSchema>): void {
  for (const [name, schema] of Object.entries(schemas)) rules.set(name, schema);
}

/** The rule's schema, or undefined for a rule nobody described (the document's tests name such rules). */
export function ruleSchema(meta: ValidationMetadata & { type: string }): JsonSchema | undefined {
  return ruleSchemaByName(meta.type, meta.constraints ?? []);
}

export function ruleSchemaByName(name: string, constraints: unknown[] = []): JsonSchema | undefined {
  const schema = rules.get(name);
  return typeof schema === 'function' ? schema(constraints) : schema;
}

/** Text of 1 to `max` characters with something besides spaces in it. */
export const textOf = (max: number): JsonSchema => ({ type: 'string', minLength: 1, maxLength: max, pattern: '\\S' });

/** One item or several separated by commas (spaces around each allowed): `item` a regular expression without anchors. */
export const commaListOf = (item: string): JsonSchema => ({ type: 'string', pattern: `^\\s*(${item})\\s*(,\\s*(${item})\\s*)*$` });

/** What isInstant accepts: RFC 3339 `date-time` with hours 00-23, at most nanoseconds and an offset (the format checks the date is real). */
export const instantPattern =
  '^\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])[Tt]([01]\\d|2[0-3]):[0-5]\\d:[0-5]\\d(\\.\\d{1,9})?([Zz]|[+-]([01]\\d|2[0-3]):[0-5]\\d)$';

describeRules({
  isInstant: {
    type: 'string',
    format: 'date-time',
    pattern: instantPattern,
    description: 'An RFC 3339 instant with its offset, e.g. 2030-03-01T09:00:00Z or 2030-03-01T10:00:00+01:00',
  },
  isCalendarDate: { type: 'string', format: 'date', pattern: '^\\d{4}-\\d{2}-\\d{2}$' },
  isNhsNumber: { type: 'string', pattern: '^\\d{10}$', description: 'A 10-digit NHS number whose modulus-11 check digit is right' },
});
