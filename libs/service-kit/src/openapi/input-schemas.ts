import { defaultMetadataStorage } from 'class-transformer/cjs/storage';
import { ValidationTypes, getMetadataStorage } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';
import { validationMetadatasToSchemas } from 'class-validator-jsonschema';
import type { IOptions } from 'class-validator-jsonschema/build/options';
import type { JsonSchema } from './json-schema';
import { ruleSchema } from './rule-schemas';

export interface InputSchemas {
  /** One schema per validated class, by class name. */
  schemas: Record<string, JsonSchema>;
  /** Custom rules no schema describes yet ("Class.property: rule"): the document's tests fail naming them. */
  undescribed: string[];
}

type Condition = (object: object, value: unknown) => boolean;

/** class-validator skips a property's rules when one of its conditions (IsOptional, ValidateIf) says so for that value. */
const skippedFor = (conditions: ValidationMetadata[], property: string, value: unknown): boolean =>
  conditions.some((meta) => !(meta.constraints[0] as Condition)(value === undefined ? {} : { [property]: value }, value));

/** The schema without its `null` (a query parameter is text or absent, never null). */
export function withoutNull(schema: JsonSchema): JsonSchema {
  if (Array.isArray(schema.type)) {
    const type = schema.type.filter((item) => item !== 'null');
    return { ...schema, type: type.length === 1 ? type[0] : type, ...(schema.enum ? { enum: schema.enum.filter((item) => item !== null) } : {}) };
  }
  const others = schema.anyOf?.filter((item) => item.type !== 'null');
  return others && others.length === 1 && Object.keys(schema).length === 1 ? others[0] : schema;
}

/** IsDefined's `not: {type: null}` says nothing more where the type is already one (and strict JSON Schema tools refuse it there). */
const withoutRedundantNotNull = (schema: JsonSchema): JsonSchema => {
  const { not, ...rest } = schema;
  return typeof schema.type === 'string' && JSON.stringify(not) === '{"type":"null"}' ? rest : schema;
};

const orNull = (schema: JsonSchema): JsonSchema => {
  if (typeof schema.type === 'string' && schema.$ref === undefined) {
    return { ...schema, type: [schema.type, 'null'], ...(schema.enum ? { enum: [...schema.enum, null] } : {}) };
  }
  return { anyOf: [schema, { type: 'null' }] };
};

/**
 * Which properties may be left out and which may be null, read from the rules' own conditions, and no property
 * but the declared ones (the validation pipe refuses unknown fields).
 */
function strictObject(target: Function, schema: JsonSchema): JsonSchema {
  const metadatas = getMetadataStorage().getTargetValidationMetadatas(target, '', true, false);
  const properties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  for (const [property, propertySchema] of Object.entries(schema.properties ?? {})) {
    const conditions = metadatas.filter((meta) => meta.propertyName === property && meta.type === ValidationTypes.CONDITIONAL_VALIDATION);
    const defined = withoutRedundantNotNull(propertySchema);
    properties[property] = skippedFor(conditions, property, null) ? orNull(defined) : defined;
    if (!skippedFor(conditions, property, undefined)) required.push(property);
  }
  return { ...schema, type: 'object', properties, additionalProperties: false, ...(required.length > 0 ? { required } : { required: undefined }) };
}

/**
 * JSON Schemas of every class validated with class-validator decorators, so bounds are written once (on the DTO)
 * and documented from there. Nested classes (@Type) are referenced as components.
 */
export function inputSchemas(): InputSchemas {
  const undescribed = new Set<string>();
  const schemas = validationMetadatasToSchemas({
    refPointerPrefix: '#/components/schemas/',
    classTransformerMetadataStorage: defaultMetadataStorage,
    additionalConverters: {
      // Rules made with registerDecorator arrive here under their own name.
      [ValidationTypes.CUSTOM_VALIDATION]: (meta: ValidationMetadata) => {
        const schema = ruleSchema(meta as ValidationMetadata & { type: string });
        if (schema === undefined) undescribed.add(`${(meta.target as Function).name}.${meta.propertyName}: ${meta.type}`);
        return schema ?? {};
      },
    } as unknown as IOptions['additionalConverters'],
  }) as Record<string, JsonSchema>;
  const targets = new Map<string, Function>();
  for (const meta of metadatasOfEveryClass()) targets.set((meta.target as Function).name, meta.target as Function);
  const strict = Object.fromEntries(Object.entries(schemas).map(([name, schema]) => [name, strictObject(targets.get(name)!, schema)]));
  return { schemas: JSON.parse(JSON.stringify(strict)) as Record<string, JsonSchema>, undescribed: [...undescribed].sort() };
}

function metadatasOfEveryClass(): ValidationMetadata[] {
  const storage = getMetadataStorage() as unknown as { validationMetadatas: Map<Function, ValidationMetadata[]> };
  return [...storage.validationMetadatas.values()].flat();
}
