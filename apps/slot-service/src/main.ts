import { runDistributedService } from '@app/service-kit';
import { SlotApplication } from './application/slot.application';
import { SlotServiceModule } from './slot-service.module';

runDistributedService('slot-service', 3001, (infra, config) => {
  const application = new SlotApplication(infra, { holdTtlSeconds: config.HOLD_TTL_SECONDS, holdLimitPerOrg: config.HOLD_LIMIT_PER_ORG });
  return { module: SlotServiceModule.register(application), health: () => application.runtime.health() };
});
