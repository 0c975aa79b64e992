import type { MessageFormat, NotificationChannel } from './booking-events';

/** notification.events.v1, keyed by bookingId. No contact details or message text leave the service. */
export type NotificationKind = 'confirmation' | 'amendment' | 'reschedule' | 'cancellation' | 'reminder';
export type NotificationStatus = 'scheduled' | 'sent' | 'delivered' | 'failed' | 'cancelled';
export type RecipientRole = 'patient' | 'supporter';

interface NotificationRef {
  notificationId: string;
  appointmentId: string;
  kind: NotificationKind;
  recipient: RecipientRole;
}

/** A message to send at `due` (now, or a reminder's time). */
export interface NotificationScheduledV1 extends NotificationRef {
  channel: NotificationChannel;
  format: MessageFormat;
  /** The language of the text sent; `translationRequired` when the patient asked for another. */
  language: string;
  translationRequired: boolean;
  /** @format date-time */
  due: string;
}

export interface NotificationSentV1 extends NotificationRef {
  channel: NotificationChannel;
  /** @format date-time */
  sentAt: string;
}

/** The provider reported the message reached the recipient (GOV.UK Notify only: the outbox gives no receipts). */
export interface NotificationDeliveredV1 extends NotificationRef {
  channel: NotificationChannel;
  /** @format date-time */
  deliveredAt: string;
}

/** Given up: the reason says why (a permanent refusal, retries exhausted, or Notify reported it undelivered: `notify_<status>`). */
export interface NotificationFailedV1 extends NotificationRef {
  reason: string;
}

/** Not sent and never will be: the booking was cancelled or moved, or a reminder's appointment had started. */
export interface NotificationCancelledV1 extends NotificationRef {
  reason: string;
}

export const NotificationEventTypes = {
  scheduled: 'NotificationScheduled',
  sent: 'NotificationSent',
  delivered: 'NotificationDelivered',
  failed: 'NotificationFailed',
  cancelled: 'NotificationCancelled',
} as const;
