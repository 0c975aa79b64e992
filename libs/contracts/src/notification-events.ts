/** notification.events.v1, keyed by bookingId. */
export type NotificationKind = 'confirmation';

export interface NotificationQueuedV1 {
  notificationId: string;
  appointmentId: string;
  kind: NotificationKind;
  channel: string;
}

export interface NotificationSentV1 extends NotificationQueuedV1 {
  sentAt: string;
}

export const NotificationEventTypes = {
  queued: 'NotificationQueued',
  sent: 'NotificationSent',
} as const;
