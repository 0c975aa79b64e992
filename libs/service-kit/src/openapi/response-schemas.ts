import type { JsonSchema } from './json-schema';

/** Building blocks for the schemas of success answers (each service writes its own in its http/ folder). */
export const text: JsonSchema = { type: 'string' };
export const instant: JsonSchema = { type: 'string', format: 'date-time' };
export const count: JsonSchema = { type: 'integer', minimum: 0 };
export const texts: JsonSchema = { type: 'array', items: text };
export const oneOf = (values: readonly string[]): JsonSchema => ({ type: 'string', enum: [...values] });
export const nullable = (schema: JsonSchema): JsonSchema => ({ anyOf: [schema, { type: 'null' }] });
export const listOf = (items: JsonSchema): JsonSchema => ({ type: 'array', items });

/**
 * An object whose properties are all present but the `optional` ones. Answers may grow fields, so others are
 * allowed; a `title` makes it a named component of the document.
 */
export function objectOf(properties: Record<string, JsonSchema>, optional: string[] = [], title?: string): JsonSchema {
  const unknown = optional.filter((name) => !(name in properties));
  if (unknown.length > 0) throw new Error(`optional fields that are no properties: ${unknown.join(', ')}`);
  return {
    ...(title ? { title } : {}),
    type: 'object',
    required: Object.keys(properties).filter((name) => !optional.includes(name)),
    properties,
  };
}

/** A page of a listing: `items`, and `next` (the cursor of the following page) when there is one. */
export const pageOf = (title: string, item: JsonSchema, nextAlways = false): JsonSchema =>
  objectOf({ items: listOf(item), next: { type: 'string', description: 'Pass as `cursor` (or `after`) for the following page.' } }, nextAlways ? [] : ['next'], title);

/** `{items}`: every match at once. */
export const itemsOf = (title: string, item: JsonSchema): JsonSchema => objectOf({ items: listOf(item) }, [], title);
