import { DynamicModule, Module } from '@nestjs/common';
import { serviceModule } from '@app/service-kit';
import { NotificationApplication } from './application/notification.application';
import { NotificationsController } from './http/notifications.controller';

@Module({})
export class NotificationServiceModule {
  static register(application: NotificationApplication): DynamicModule {
    return serviceModule(NotificationServiceModule, application, [NotificationsController]);
  }
}
