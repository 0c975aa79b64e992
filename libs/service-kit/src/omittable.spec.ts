import { IsString, validateSync } from 'class-validator';
import { IsOmittable } from './omittable';

class Note {
  @IsOmittable() @IsString()
  comment?: string;
}

const check = (body: object) => validateSync(Object.assign(new Note(), body)).map((error) => error.property);

describe('IsOmittable', () => {
  it('lets the field be left out, and checks it when sent', () => {
    expect(check({})).toEqual([]);
    expect(check({ comment: 'ok' })).toEqual([]);
    expect(check({ comment: 42 })).toEqual(['comment']);
  });

  it('refuses null, which IsOptional would let through', () => {
    expect(check({ comment: null })).toEqual(['comment']);
  });
});
