export { NotificationApplication } from './application/notification.application';
export { NotificationServiceModule } from './notification-service.module';
export { defaultNotificationOptions, type DeliveryOptions, type NotificationOptions, type NotificationOptionsInput, type ReceiptPolicy } from './application/notification-options';
export { notificationOptionsFromConfig } from './application/notification-settings';
export { notificationEventTypes } from './domain/notification-event-types';
