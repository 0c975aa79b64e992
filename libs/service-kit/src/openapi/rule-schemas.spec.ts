import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { validateSync } from 'class-validator';
import { IsCalendarDate, IsInstant } from '../instant';
import { IsNhsNumber } from '../validators';
import { ruleSchemaByName } from './rule-schemas';

class Instant {
  @IsInstant() value!: unknown;
}
class CalendarDate {
  @IsCalendarDate() value!: unknown;
}
class NhsNumber {
  @IsNhsNumber() value!: unknown;
}

const ajv = new Ajv2020({ strict: true });
addFormats(ajv);
const schemaAccepts = (rule: string) => ajv.compile(ruleSchemaByName(rule)!);
const validatorAccepts = (type: new () => { value: unknown }) => (value: unknown) => validateSync(Object.assign(new type(), { value })).length === 0;

describe('the schemas of service-kit’s rules accept what the rules accept, and refuse what they refuse', () => {
  it.each([
    '2030-03-01T09:00:00Z',
    '2030-03-01T10:00:00+01:00',
    '2030-03-01T09:00:00.123456Z',
    '2030-03-01t09:00:00z',
    '2030-12-31T23:59:59-12:00',
    '2030-03-01T09:00:00.123456789Z',
    '2030-03-01T09:00:00.1234567890Z',
    '2030-01-01T24:00:00Z',
    '2030-02-30T09:00:00Z',
    '2028-02-29T09:00:00Z',
    '2031-W10-1T09:00:00Z',
    '2031-060T09:00:00Z',
    '20310301T090000Z',
    '+2031-03-01T09:00:00Z',
    '2031-03-01T09:00:00,5Z',
    '2031-03-01T09Z',
    '2031-03-01T09:00:00',
    '2031-03-01',
    '2031-13-01T09:00:00Z',
    '2031-03-32T09:00:00Z',
    '2031-03-01T23:60:00Z',
    '2031-03-01T09:00:00+24:00',
    ' 2031-03-01T09:00:00Z',
    20310301,
  ])('isInstant: %p', (value) => {
    expect(schemaAccepts('isInstant')(value)).toBe(validatorAccepts(Instant)(value));
  });

  it.each(['2030-03-01', '2028-02-29', '1900-01-01', '2030-02-30', '2029-02-29', '2030-3-1', '2030-03-01T00:00:00Z', '30-03-01', 20300301])('isCalendarDate: %p', (value) => {
    expect(schemaAccepts('isCalendarDate')(value)).toBe(validatorAccepts(CalendarDate)(value));
  });

  it('isNhsNumber: the schema bounds the shape; the check digit is the service’s to refuse', () => {
    for (const value of ['9434765919', '943476591', '94347659190', '943476591a', 9434765919]) expect(schemaAccepts('isNhsNumber')(value)).toBe(validatorAccepts(NhsNumber)(value));
    expect([schemaAccepts('isNhsNumber')('9434765918'), validatorAccepts(NhsNumber)('9434765918')]).toEqual([true, false]);
  });
});
