import { RuleSchema, textOf } from '@app/service-kit';

/** The registry service's validation rules (registry.validators) as JSON Schema, by rule name. */
export const registryRuleSchemas: Record<string, RuleSchema> = {
  isText: ([max]) => textOf(max as number),
  // A close reading of WHATWG URL parsing: a host of plain characters, then anything without spaces.
  isHttpsUrl: { type: 'string', maxLength: 2000, pattern: '^[Hh][Tt][Tt][Pp][Ss]://[A-Za-z0-9._~-]+([/?#]\\S*)?$', description: 'An https URL' },
  // After `start` (checked by the service; JSON Schema cannot compare two fields).
  isInstantAfter: {},
};
