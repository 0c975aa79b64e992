import type { MessageFormat, NotificationChannel, PostalAddress } from './contact-details';

export type NotificationKind = 'confirmation' | 'amendment' | 'reschedule' | 'cancellation' | 'reminder';
export type NotificationStatus = 'scheduled' | 'sent' | 'delivered' | 'failed' | 'cancelled';
export type RecipientRole = 'patient' | 'supporter';

/** Where one message goes: only the detail its channel needs (never logged, never published). */
export interface Destination {
  phone?: string;
  email?: string;
  address?: PostalAddress;
}

export interface Recipient {
  role: RecipientRole;
  channel: NotificationChannel;
  to: Destination;
  /** A supporter's name, to address the copy. */
  name?: string;
}

/** How the message is written: its language and format, and where the request could not be met. */
export interface Presentation {
  format: MessageFormat;
  /** The format asked for needs a letter but there is no address: sent in the normal channel, flagged for staff. */
  formatFallback: boolean;
  /** `en` or `cy`: the languages we have templates for. */
  language: 'en' | 'cy';
  requestedLanguage: string;
  /** The patient asked for a language we cannot write: sent in English, flagged for a translation. */
  translationRequired: boolean;
}

export interface Message {
  subject?: string;
  body: string;
}

/** One message to one recipient, to send at `due`. */
export interface Notification extends Presentation {
  notificationId: string;
  appointmentId: string;
  kind: NotificationKind;
  recipient: Recipient;
  message: Message;
  due: string;
  /** Reminders only: how long before the start. */
  offsetMs?: number;
}

/** A message that could not be addressed at all (the patient gave no usable contact details). */
export interface UnaddressedNotification extends Presentation {
  notificationId: string;
  appointmentId: string;
  kind: NotificationKind;
  recipient: { role: RecipientRole };
  due: string;
}

export interface NotificationRecord {
  notificationId: string;
  kind: NotificationKind;
  role: RecipientRole;
  status: NotificationStatus;
  /** Delivery attempts that ended without an answer (each one retried later). */
  attempts: number;
  due: string;
  /** The provider's id of a sent message: only such a message gets a delivery receipt. */
  providerId?: string;
  /** Absent only for notifications that never had a recipient (failed at once). */
  notification?: Notification;
}

/** Retries of a delivery the provider could not take (5xx, network): exponential backoff, then given up. */
export interface RetryPolicy {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

/** What the service is configured with that changes what it decides. */
export interface NotificationSettings {
  /** Reminders go this long before the start (each one a reminder). */
  reminderOffsetsMs: number[];
  /** Provider names by ODS code, when the slot did not name its organisation. */
  organisationNames: Record<string, string>;
  /**
   * The outbox keeps messages for the API to list: recording a message due now is sending it, so it is recorded
   * sent in the same append (no dispatch round trip). A provider (GOV.UK Notify) sends through the dispatcher.
   */
  sendsOnRecord?: boolean;
}
