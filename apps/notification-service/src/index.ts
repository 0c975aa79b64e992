export { NotificationApplication } from './application/notification.application';
export { NotificationServiceModule } from './notification-service.module';
export { defaultNotificationOptions, type DeliveryOptions, type NotificationOptions, type NotificationOptionsInput } from './application/notification-options';
export { notificationOptionsFromConfig } from './application/notification-settings';
