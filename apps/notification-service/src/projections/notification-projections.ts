import type { ProjectionFactory } from '@app/service-kit';
import type { NotificationOptions } from '../application/notification-options';
import { DueNotificationsProjection } from './due-notifications.projection';
import { NotificationViewProjection } from './notification-view.projection';
import { appointmentParties, dueNotifications, notificationViews, receiptChecks } from './notification-views';
import { ReceiptChecksProjection } from './receipt-checks.projection';

/** The notification-service's read models; the first receipt check depends on the receipt policy. */
export const notificationProjections = (options: Pick<NotificationOptions, 'receipts'>): ProjectionFactory[] => [
  (documents) => new NotificationViewProjection(notificationViews(documents), appointmentParties(documents)),
  (documents) => new DueNotificationsProjection(dueNotifications(documents)),
  (documents) => new ReceiptChecksProjection(receiptChecks(documents), options.receipts.firstCheckMs),
];
