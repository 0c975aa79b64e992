import { runDistributedService } from '@app/service-kit';
import { NotificationApplication } from './application/notification.application';
import { notificationOptionsFromConfig } from './application/notification-settings';
import { NotificationServiceModule } from './notification-service.module';

runDistributedService('notification-service', 3004, (infra, config) => {
  const application = new NotificationApplication(infra, notificationOptionsFromConfig(config));
  return { module: NotificationServiceModule.register(application), health: () => application.runtime.health() };
});
