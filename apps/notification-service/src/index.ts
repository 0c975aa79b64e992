export { NotificationApplication } from './application/notification.application';
export { NotificationServiceModule } from './notification-service.module';
