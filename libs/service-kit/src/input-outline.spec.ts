import 'reflect-metadata';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsObject, IsOptional, IsString, ValidateNested } from 'class-validator';
import { checkOutline } from './input-outline';

class Address {
  @ArrayMaxSize(2, { message: 'lines must have 1 or 2 lines' })
  lines!: string[];
}

class Contact {
  @IsString()
  email!: string;

  @IsOptional() @IsObject() @ValidateNested() @Type(() => Address)
  address?: Address;
}

class Item {
  @IsString()
  name!: string;

  @IsOptional() @ArrayMaxSize(3)
  tags?: string[];
}

class Order {
  @ArrayMaxSize(2) @ValidateNested({ each: true }) @Type(() => Item)
  items!: Item[];

  @IsOptional() @ValidateNested() @Type(() => Contact)
  contact?: Contact;
}

class Rebook extends Order {
  @IsString()
  reason!: string;
}

const errorsOf = (input: unknown, dto: Function = Order) => checkOutline(input, dto, 'body').errors;

describe('outlineErrors', () => {
  it('has nothing to say of an input of the DTO’s outline, whatever its values (the rules judge those)', () => {
    expect(errorsOf({ items: [{ name: 7, tags: ['a', 1] }], contact: { email: null, address: { lines: ['1 High St'] } } })).toEqual([]);
    expect(errorsOf({ items: [null, 'x'], contact: null })).toEqual([]);
    expect(errorsOf(undefined)).toEqual([]);
  });

  it('keeps, for the rules, the input without what broke the outline, and tells which rule errors it already told', () => {
    const outline = checkOutline({ items: [[], { name: 'a', colour: 'red', tags: Array(4).fill('t') }], contact: { email: 1, address: [] }, extra: 1 }, Order, 'body');
    expect(outline.kept).toEqual({ items: [undefined, { name: 'a', tags: undefined }], contact: { email: 1, address: undefined } });
    expect(['items[0]', 'items[0].name', 'items[1].tags', 'contact.address.lines[2]'].map(outline.told)).toEqual([true, true, true, true]);
    expect(['items', 'items[1].name', 'contact.email', 'items[10]'].map(outline.told)).toEqual([false, false, false, false]);
  });

  it('refuses a list over its bound without looking at its elements, with the bound’s own message', () => {
    expect(errorsOf({ items: Array.from({ length: 100_000 }, () => [[]]) })).toEqual([{ field: 'items', message: 'items must contain no more than 2 elements' }]);
    expect(errorsOf({ items: [], contact: { email: 'a', address: { lines: ['a', 'b', 'c'] } } })).toEqual([
      { field: 'contact.address.lines', message: 'lines must have 1 or 2 lines' },
    ]);
    expect(errorsOf({ items: [{ name: 'a', tags: ['a', 'b', 'c', 'd'] }] })).toEqual([{ field: 'items[0].tags', message: 'tags must contain no more than 3 elements' }]);
  });

  it('names each field the DTO does not have, at any depth, inherited fields known', () => {
    expect(errorsOf({ items: [{ name: 'a', colour: 'red' }], extra: 1, contact: { email: 'a', address: { lines: [], town: 'x' } } })).toEqual([
      { field: 'items[0].colour', message: 'property colour should not exist' },
      { field: 'extra', message: 'property extra should not exist' },
      { field: 'contact.address.town', message: 'property town should not exist' },
    ]);
    expect(errorsOf({ items: [], reason: 'moved' }, Rebook)).toEqual([]);
  });

  it('refuses a list where an object belongs', () => {
    expect(errorsOf({ items: [[]] })).toEqual([{ field: 'items[0]', message: 'each item of items must be an object' }]);
    expect(errorsOf({ items: [], contact: [{ email: 'a' }] })).toEqual([{ field: 'contact', message: 'contact must be an object' }]);
    expect(errorsOf({ items: [], contact: { email: 'a', address: [[]] } })).toEqual([{ field: 'contact.address', message: 'address must be an object' }]);
    expect(errorsOf([{ items: [] }])).toEqual([{ field: 'body', message: 'body must be a JSON object' }]);
    expect(errorsOf('text')).toEqual([{ field: 'body', message: 'body must be a JSON object' }]);
  });

  it('refuses an object or a list where one value belongs, and an object where a list belongs', () => {
    expect(errorsOf({ items: [{ name: { a: 1 } }] })).toEqual([{ field: 'items[0].name', message: 'name must be one value, not an object' }]);
    expect(errorsOf({ items: [{ name: ['a'] }] })).toEqual([{ field: 'items[0].name', message: 'name must be one value, not a list' }]);
    expect(errorsOf({ items: [{ name: 'a', tags: [{ a: 1 }] }] })).toEqual([{ field: 'items[0].tags', message: 'each item of tags must be one value' }]);
    expect(errorsOf({ items: { name: 'a' } })).toEqual([{ field: 'items', message: 'items must be an array' }]);
    expect(errorsOf({ items: [{ name: 'a', tags: { a: 1 } }] })).toEqual([{ field: 'items[0].tags', message: 'tags must be an array' }]);
  });
});
