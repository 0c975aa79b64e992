import { runDistributedService } from '@app/service-kit';
import { RegistryApplication } from './application/registry.application';
import { RegistryServiceModule } from './registry-service.module';

runDistributedService('registry-service', 3003, (infra, config) => {
  const application = new RegistryApplication(infra, { expiryGraceMs: config.REGISTRY_EXPIRY_GRACE, appointmentsBaseUrl: config.APPOINTMENTS_BASE_URL });
  return { module: RegistryServiceModule.register(application), health: () => application.runtime.health() };
});
