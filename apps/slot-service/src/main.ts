import { runDistributedService } from '@app/service-kit';
import { SlotApplication } from './application/slot.application';
import { SlotServiceModule } from './slot-service.module';

runDistributedService('slot-service', 3001, (infra) => {
  const application = new SlotApplication(infra);
  return { module: SlotServiceModule.register(application), healthy: () => application.runtime.healthy() };
});
