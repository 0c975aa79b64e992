import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, MaxLength, ValidateIf, ValidateNested, registerDecorator } from 'class-validator';
import { inputSchemas } from './input-schemas';

class SpecAddress {
  @IsString() @MaxLength(80)
  line!: string;
}

class SpecBody {
  @IsString() @MaxLength(10)
  required!: string;

  /** IsOptional skips its rules for null too: null is accepted. */
  @IsOptional() @IsInt()
  optional?: number;

  /** Skipped only when left out: null is refused. */
  @ValidateIf((_, value) => value !== undefined) @IsIn(['a', 'b'])
  absentOrValue?: string;

  @IsOptional() @ValidateNested() @Type(() => SpecAddress)
  address?: SpecAddress;

  @ValidateNested({ each: true }) @Type(() => SpecAddress)
  addresses!: SpecAddress[];
}

class SpecUndescribed {
  @((target: object, property: string | symbol) =>
    registerDecorator({ name: 'specNobodyDescribed', target: target.constructor, propertyName: String(property), validator: { validate: () => true } }))
  odd!: string;
}

describe('request schemas from the class-validator rules', () => {
  const { schemas, undescribed } = inputSchemas();

  it('requires what may not be left out, allows null only where the rules skip it, and refuses unknown fields', () => {
    expect(schemas[SpecBody.name]).toEqual({
      type: 'object',
      additionalProperties: false,
      required: ['required', 'addresses'],
      properties: {
        required: { type: 'string', maxLength: 10 },
        optional: { type: ['integer', 'null'] },
        absentOrValue: { type: 'string', enum: ['a', 'b'] },
        address: { anyOf: [{ $ref: '#/components/schemas/SpecAddress' }, { type: 'null' }] },
        addresses: { type: 'array', items: { $ref: '#/components/schemas/SpecAddress' } },
      },
    });
    expect(schemas.SpecAddress).toEqual({ type: 'object', additionalProperties: false, required: ['line'], properties: { line: { type: 'string', maxLength: 80 } } });
  });

  it('names every custom rule without a schema', () => {
    expect(undescribed).toContain('SpecUndescribed.odd: specNobodyDescribed');
    expect(schemas[SpecUndescribed.name].properties!.odd).toEqual({});
  });
});
