import type { CommandHandler } from '@app/eventstore';
import type { Collection } from '@app/readmodel';
import type { NotificationCommand } from '../domain/notification.commands';
import type { NotificationEvent } from '../domain/notification.events';
import type { NotificationState } from '../domain/notification.state';
import type { AppointmentParties, NotificationView, ReceiptCheck } from '../projections/notification-views';
import type { Delivery } from './delivery/delivery';
import type { NotificationOptions } from './notification-options';

/** What the use cases share. */
export interface NotificationParts {
  notifications: CommandHandler<NotificationCommand, NotificationEvent, NotificationState>;
  views: Collection<NotificationView>;
  appointments: Collection<AppointmentParties>;
  receiptChecks: Collection<ReceiptCheck>;
  delivery: Delivery;
  options: NotificationOptions;
}

export const notificationStream = (bookingId: string): string => `notification-${bookingId}`;
