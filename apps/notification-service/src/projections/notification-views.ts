import type { MessageFormat, NotificationKind, NotificationStatus, RecipientRole, Requester } from '@app/contracts';
import type { Collection, DocumentStore } from '@app/readmodel';
import type { Message } from '../domain/notification';

/** One notification as the API shows it (no contact details: only the role and channel of its recipient). */
export interface NotificationView {
  id: string;
  appointmentId: string;
  nhsNumber: string;
  kind: NotificationKind;
  /** `outbox` only on confirmations queued by the previous release. */
  recipient: { role: RecipientRole; channel?: string };
  format: MessageFormat;
  formatFallback?: boolean;
  language: string;
  requestedLanguage?: string;
  translationRequired: boolean;
  status: NotificationStatus;
  message?: Message;
  due: string;
  attempts?: number;
  sentAt?: string;
  deliveredAt?: string;
  reason?: string;
  createdAt: string;
  updatedAt: string;
}

/** Who an appointment concerns, as its latest booking event said: who may read its notifications. */
export interface AppointmentParties {
  id: string;
  nhsNumber: string;
  bookedBy: Requester;
  organisation?: string;
  hostFederations?: string[];
}

/** A scheduled notification waiting for its time (or its next attempt). */
export interface DueNotification {
  id: string;
  due: string;
  appointmentId: string;
  /** Of the event that scheduled it: the delivery continues its story. */
  correlationId: string;
  causationId: string;
}

/** A message the provider took, whose delivery receipt is asked for at `due` (until one comes, or the bound). */
export interface ReceiptCheck {
  id: string;
  due: string;
  appointmentId: string;
  providerId: string;
  sentAt: string;
  /** Of the event that recorded it sent: the receipt continues its story. */
  correlationId: string;
  causationId: string;
}

export const notificationViews = (documents: DocumentStore): Collection<NotificationView> =>
  documents.collection<NotificationView>('notifications', [['appointmentId'], ['nhsNumber']]);
export const appointmentParties = (documents: DocumentStore): Collection<AppointmentParties> =>
  documents.collection<AppointmentParties>('notification-appointments', [['nhsNumber']]);
export const dueNotifications = (documents: DocumentStore): Collection<DueNotification> => documents.collection<DueNotification>('due-notifications', [['due']]);
export const receiptChecks = (documents: DocumentStore): Collection<ReceiptCheck> => documents.collection<ReceiptCheck>('receipt-checks', [['due']]);
