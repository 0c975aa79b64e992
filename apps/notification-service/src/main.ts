import { runDistributedService } from '@app/service-kit';
import { NotificationApplication } from './application/notification.application';
import { NotificationServiceModule } from './notification-service.module';

runDistributedService('notification-service', 3004, (infra) => {
  const application = new NotificationApplication(infra);
  return { module: NotificationServiceModule.register(application), healthy: () => application.runtime.healthy() };
});
