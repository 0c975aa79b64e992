import { DomainError } from '@app/eventstore/decider';

/*
 * How to reach the patient and who supports them. The domain's own types: the same shape as PatientContactV1 and
 * SupporterV1 of @app/contracts today, so a change of the public contract does not change what the stream holds.
 */

export const notificationChannels = ['sms', 'email', 'letter'] as const;
export const messageFormats = ['standard', 'large-print', 'easy-read', 'braille', 'audio'] as const;
export const supporterRoles = ['carer', 'interpreter', 'advocate', 'proxy'] as const;

export type NotificationChannel = (typeof notificationChannels)[number];
export type MessageFormat = (typeof messageFormats)[number];
export type SupporterRole = (typeof supporterRoles)[number];

export interface PostalAddress {
  lines: string[];
  postcode: string;
}

export interface ContactDetails {
  email?: string;
  /** A UK mobile number (E.164 or national form), kept without spaces. */
  phone?: string;
  address?: PostalAddress;
}

export interface PatientContact extends ContactDetails {
  /** `none`: no messages; absent: the first channel the details allow. */
  preferredChannel?: NotificationChannel | 'none';
  /** A language tag (`en`, `cy`, …). */
  language?: string;
  format?: MessageFormat;
}

export interface Supporter {
  name: string;
  relationship?: string;
  role: SupporterRole;
  contact?: ContactDetails & { preferredChannel?: NotificationChannel };
}

export const contactLimits = { email: 254, addressLines: 6, addressLine: 80, supporterName: 200, relationship: 100, language: 35 } as const;

/** The shapes both the HTTP layer (400) and the domain (DomainError) check. */
export const contactPatterns = {
  email: /^[^\s@]+@[^\s@]+\.[^\s@]+$/,
  /** After removing spaces. */
  ukMobile: /^(\+447\d{9}|07\d{9})$/,
  ukPostcode: /^[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}$/i,
  languageTag: /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/,
} as const;

export const withoutSpaces = (phone: string): string => phone.replace(/\s+/g, '');

export const isEmail = (value: unknown): boolean => typeof value === 'string' && value.length <= contactLimits.email && contactPatterns.email.test(value);
export const isUkMobile = (value: unknown): boolean => typeof value === 'string' && contactPatterns.ukMobile.test(withoutSpaces(value));
export const isUkPostcode = (value: unknown): boolean => typeof value === 'string' && contactPatterns.ukPostcode.test(value.trim());
export const isLanguageTag = (value: unknown): boolean => typeof value === 'string' && value.length <= contactLimits.language && contactPatterns.languageTag.test(value);
export const isLine = (value: unknown, max: number): boolean => typeof value === 'string' && value.trim() !== '' && value.length <= max;

/** Messages name the field and the rule, never the value: contact details stay out of errors and logs. */
const invalid = (code: string, field: string, rule: string) => new DomainError(code, `${field}: ${rule}`, 'invalid');

function checkDetails(details: ContactDetails & { preferredChannel?: string }, field: string, code: string, channels: readonly string[]): void {
  if (details.email !== undefined && !isEmail(details.email)) throw invalid(code, `${field}.email`, `must be an email address of at most ${contactLimits.email} characters`);
  if (details.phone !== undefined && !isUkMobile(details.phone)) throw invalid(code, `${field}.phone`, 'must be a UK mobile number (07… or +447…)');
  const { address } = details;
  if (address !== undefined) {
    if (!Array.isArray(address.lines) || address.lines.length < 1 || address.lines.length > contactLimits.addressLines) {
      throw invalid(code, `${field}.address.lines`, `must have 1 to ${contactLimits.addressLines} lines`);
    }
    const bad = address.lines.findIndex((line) => !isLine(line, contactLimits.addressLine));
    if (bad >= 0) throw invalid(code, `${field}.address.lines[${bad}]`, `must be 1 to ${contactLimits.addressLine} characters`);
    if (!isUkPostcode(address.postcode)) throw invalid(code, `${field}.address.postcode`, 'must be a UK postcode');
  }
  if (details.preferredChannel !== undefined && !channels.includes(details.preferredChannel)) {
    throw invalid(code, `${field}.preferredChannel`, `must be one of ${channels.join(', ')}`);
  }
}

export function checkPatientContact(contact: PatientContact, field = 'patient.contact'): void {
  const code = 'patient_contact_invalid';
  checkDetails(contact, field, code, [...notificationChannels, 'none']);
  if (contact.language !== undefined && !isLanguageTag(contact.language)) throw invalid(code, `${field}.language`, 'must be a language tag such as en or cy');
  if (contact.format !== undefined && !(messageFormats as readonly string[]).includes(contact.format)) {
    throw invalid(code, `${field}.format`, `must be one of ${messageFormats.join(', ')}`);
  }
}

export function checkSupporter(supporter: Supporter, field = 'supporter'): void {
  const code = 'supporter_invalid';
  if (!isLine(supporter.name, contactLimits.supporterName)) throw invalid(code, `${field}.name`, `must be 1 to ${contactLimits.supporterName} characters`);
  if (supporter.relationship !== undefined && !isLine(supporter.relationship, contactLimits.relationship)) {
    throw invalid(code, `${field}.relationship`, `must be 1 to ${contactLimits.relationship} characters`);
  }
  if (!(supporterRoles as readonly string[]).includes(supporter.role)) throw invalid(code, `${field}.role`, `must be one of ${supporterRoles.join(', ')}`);
  if (supporter.contact !== undefined) checkDetails(supporter.contact, `${field}.contact`, code, notificationChannels);
}
