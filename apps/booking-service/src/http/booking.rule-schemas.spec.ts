import Ajv2020 from 'ajv/dist/2020';
import { isLanguageTag } from '../domain/contact-details';
import { bookingRuleSchemas } from './booking.rule-schemas';

describe('the booking rules as the API document describes them', () => {
  const schemaAccepts = new Ajv2020({ strict: true }).compile(bookingRuleSchemas.languageTag as object);

  // Schemathesis sent a 44-character tag the document allowed and the service refused (400).
  it.each(['en', 'cy', 'en-GB', 'zei-jhDH-RUgnQj3M-EEnntguu-hHRuzXK4-lNex3cxg', 'EN', 'e'])('languageTag: %p', (value) => {
    expect(schemaAccepts(value)).toBe(isLanguageTag(value));
  });
});
