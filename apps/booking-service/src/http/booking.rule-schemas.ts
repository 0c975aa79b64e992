import { RuleSchema, textOf } from '@app/service-kit';
import { textLimits } from '../domain/appointment-text';
import { contactLimits, contactPatterns } from '../domain/contact-details';

const line = (max: number) => textOf(max);

/** The booking service's validation rules (appointment-text.validators, contact-details.dtos) as JSON Schema, by rule name. */
export const bookingRuleSchemas: Record<string, RuleSchema> = {
  limitedText: ([max]) => textOf(max as number),
  reasonableAdjustments: { type: 'array', maxItems: textLimits.reasonableAdjustments, items: textOf(textLimits.reasonableAdjustment) },
  email: { type: 'string', maxLength: contactLimits.email, pattern: contactPatterns.email.source },
  // Spaces are allowed (removed before the check), so the pattern only bounds the characters.
  ukMobile: { type: 'string', pattern: '^\\s*(\\+\\s*4\\s*4\\s*7|0\\s*7)(\\s*\\d){9}\\s*$', description: 'A UK mobile number, 07… or +447…; spaces are ignored' },
  ukPostcode: { type: 'string', pattern: '^\\s*[A-Za-z]{1,2}\\d[A-Za-z\\d]? ?\\d[A-Za-z]{2}\\s*$' },
  languageTag: { type: 'string', maxLength: contactLimits.language, pattern: contactPatterns.languageTag.source },
  addressLine: { type: 'array', items: line(contactLimits.addressLine) },
  supporterName: line(contactLimits.supporterName),
  relationship: line(contactLimits.relationship),
};
