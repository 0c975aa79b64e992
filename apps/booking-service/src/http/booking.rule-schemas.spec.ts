import Ajv2020 from 'ajv/dist/2020';
import { isEmail, isLanguageTag, isUkMobile, isUkPostcode } from '../domain/contact-details';
import { bookingRuleSchemas } from './booking.rule-schemas';

const ajv = new Ajv2020({ strict: true });
const schemaAccepts = (rule: string) => ajv.compile(bookingRuleSchemas[rule] as object);

describe('the schemas of the booking rules accept what the rules accept, and refuse what they refuse', () => {
  it.each([
    ['ukMobile', isUkMobile, ['07700900123', '07700 900 123', '+447700900123', '+44 7700 900123', ' 07700900123 ', '0770090012', '08700900123', '+4407700900123', '07700-900123', 7700900123]],
    ['ukPostcode', isUkPostcode, ['SW1A 1AA', 'sw1a1aa', 'M1 1AE', ' CR2 6XH ', 'B33 8TH', 'SW1A  1AA', '12345', 'SW1A-1AA', '']],
    ['email', isEmail, ['ann@example.org', 'a@b.c', 'ann@example', 'ann example@x.org', '@example.org', `${'a'.repeat(250)}@x.org`]],
    ['languageTag', isLanguageTag, ['en', 'cy', 'en-GB', 'zh-Hant-TW', 'EN', 'e', 'en_GB', `en-${'abcdefgh-'.repeat(4)}x1`]],
  ] as const)('%s', (rule, accepts, values) => {
    for (const value of values) expect([value, schemaAccepts(rule)(value)]).toEqual([value, accepts(value)]);
  });

  it('limitedText: 1 to its max characters, not only spaces; reasonableAdjustments: at most 20 such items of 200', () => {
    const text = ajv.compile((bookingRuleSchemas.limitedText as (constraints: unknown[]) => object)([100]));
    expect(['x', ' x ', '', '   ', 'x'.repeat(100), 'x'.repeat(101), 7].map((value) => text(value))).toEqual([true, true, false, false, true, false, false]);
    const adjustments = schemaAccepts('reasonableAdjustments');
    expect([[], ['ramp'], Array(20).fill('ramp'), Array(21).fill('ramp'), [' '], ['x'.repeat(201)], 'ramp'].map((value) => adjustments(value))).toEqual([
      true,
      true,
      true,
      false,
      false,
      false,
      false,
    ]);
  });
});
