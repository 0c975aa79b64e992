import type { MetadataStorage } from 'class-transformer/types/MetadataStorage';
import { ARRAY_MAX_SIZE, ValidationTypes, getMetadataStorage } from 'class-validator';
import type { FieldError } from './problem';

// Where class-transformer keeps `@Type`: its typings do not export it (typestack/class-transformer#563).
const { defaultMetadataStorage } = require('class-transformer/cjs/storage') as { defaultMetadataStorage: MetadataStorage };

/** What a DTO says of one field's outline: a list (with its bound), a nested object or list of them, else one value. */
interface FieldOutline {
  maxItems?: number;
  maxItemsMessage?: string;
  nested?: { each: boolean; type?: Function };
}

const outlines = new Map<Function, Map<string, FieldOutline>>();

/** The DTO's fields (those with any validation rule, as class-validator's whitelist counts them), read once. */
function outlineOf(dto: Function): Map<string, FieldOutline> {
  const known = outlines.get(dto);
  if (known) return known;
  const fields = new Map<string, FieldOutline>();
  for (const rule of getMetadataStorage().getTargetValidationMetadatas(dto, '', false, false)) {
    const field = fields.get(rule.propertyName) ?? {};
    if (rule.name === ARRAY_MAX_SIZE) {
      field.maxItems = rule.constraints[0] as number;
      if (typeof rule.message === 'string') field.maxItemsMessage = rule.message;
    }
    if (rule.type === ValidationTypes.NESTED_VALIDATION) {
      field.nested = { each: rule.each === true, type: defaultMetadataStorage.findTypeMetadata(dto, rule.propertyName)?.typeFunction() };
    }
    fields.set(rule.propertyName, field);
  }
  outlines.set(dto, fields);
  return fields;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** One pass over an input along its DTO: the errors found, and the fields taken out of what is kept. */
class OutlineCheck {
  readonly errors: FieldError[] = [];
  readonly takenOut = new Set<string>();

  /** The object's known fields, each kept as far as its outline allows. */
  object(input: Record<string, unknown>, dto: Function, prefix: string): Record<string, unknown> {
    const fields = outlineOf(dto);
    const kept: Record<string, unknown> = {};
    for (const property of Object.keys(input)) {
      const path = prefix ? `${prefix}.${property}` : property;
      const field = fields.get(property);
      if (field) kept[property] = this.field(input[property], field, property, path);
      else this.errors.push({ field: path, message: `property ${property} should not exist` });
    }
    return kept;
  }

  private refuse(path: string, message: string): undefined {
    this.errors.push({ field: path, message });
    this.takenOut.add(path);
    return undefined;
  }

  private field(value: unknown, field: FieldOutline, property: string, path: string): unknown {
    if (Array.isArray(value)) return this.list(value, field, property, path);
    if (!isObject(value)) return value; // one value: the field's own rules judge it
    if (field.nested && !field.nested.each) return field.nested.type ? this.object(value, field.nested.type, path) : value;
    return this.refuse(path, field.nested || field.maxItems !== undefined ? `${property} must be an array` : `${property} must be one value, not an object`);
  }

  private list(items: unknown[], field: FieldOutline, property: string, path: string): unknown {
    if (field.maxItems !== undefined && items.length > field.maxItems) {
      return this.refuse(path, field.maxItemsMessage ?? `${property} must contain no more than ${field.maxItems} elements`);
    }
    const { nested } = field;
    if (nested?.each) {
      return items.map((item, index) => {
        if (Array.isArray(item)) return this.refuse(`${path}[${index}]`, `each item of ${property} must be an object`);
        return isObject(item) && nested.type ? this.object(item, nested.type, `${path}[${index}]`) : item;
      });
    }
    if (nested) return this.refuse(path, `${property} must be an object`);
    if (field.maxItems === undefined) return this.refuse(path, `${property} must be one value, not a list`);
    return items.some((item) => typeof item === 'object' && item !== null) ? this.refuse(path, `each item of ${property} must be one value`) : items;
  }
}

/** An input checked against its DTO's outline. */
export interface Outlined {
  /** How the input broke the outline. */
  errors: FieldError[];
  /** The input without what broke the outline: only the DTO's fields, of bounded size, for the rules to judge. */
  kept: Record<string, unknown>;
  /** Whether a rule's error about this field is already told (the field, or one it is in, was taken out). */
  told(field: string): boolean;
}

/** The field and every field it is in: `slots[0].bookableBy`, `slots[0]`, `slots`. */
function fieldAndParents(field: string): string[] {
  const paths = [field];
  for (let end = field.length - 1; end > 0; end--) if (field[end] === '.' || field[end] === '[') paths.push(field.slice(0, end));
  return paths;
}

/**
 * Checks an input's outline against its DTO before class-transformer and class-validator walk it (they walk every
 * key and element, class-transformer in quadratic time in an object's keys): fields the DTO does not have, lists
 * longer than their `@ArrayMaxSize` (a list is taken only where one is bounded), lists where an object belongs, and
 * objects where one value belongs. Only what the DTO describes is visited, so the cost follows the DTO, not the input.
 * `name` names the whole input when it is no object (`body`, `query`); a missing one is read as `{}`.
 */
export function checkOutline(input: unknown, dto: Function, name: string): Outlined {
  const check = new OutlineCheck();
  if (input !== undefined && input !== null && !isObject(input)) {
    return { errors: [{ field: name, message: `${name} must be a JSON object` }], kept: {}, told: () => true };
  }
  const kept = check.object(input ?? {}, dto, '');
  return { errors: check.errors, kept, told: (field) => fieldAndParents(field).some((path) => check.takenOut.has(path)) };
}
