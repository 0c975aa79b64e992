/*
 * How to reach the patient and their supporter, as the notification-service reads it. The service's own types: the
 * same shape as PatientContactV1 and SupporterV1 of @app/contracts today, so a change of the public contract does
 * not change what the notification streams hold (application/booking-changes.inbound.ts is the bridge).
 */

export type NotificationChannel = 'sms' | 'email' | 'letter';
export type MessageFormat = 'standard' | 'large-print' | 'easy-read' | 'braille' | 'audio';

export interface PostalAddress {
  lines: string[];
  postcode: string;
}

export interface ContactDetails {
  email?: string;
  /** A UK mobile number for SMS. */
  phone?: string;
  address?: PostalAddress;
}

export interface PatientContact extends ContactDetails {
  /** `none`: no messages. Absent: the first of sms, email, letter that the details allow. */
  preferredChannel?: NotificationChannel | 'none';
  /** A language tag (`en`, `cy`, …); default `en`. */
  language?: string;
  /** Default `standard`; the others go by letter with the format marked. */
  format?: MessageFormat;
}

export type SupporterRole = 'carer' | 'interpreter' | 'advocate' | 'proxy';

/** Someone who supports the patient; a carer or proxy with contact details gets a copy of every message. */
export interface Supporter {
  name: string;
  relationship?: string;
  role: SupporterRole;
  contact?: ContactDetails & { preferredChannel?: NotificationChannel };
}
