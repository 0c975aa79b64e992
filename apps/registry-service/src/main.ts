import { runDistributedService } from '@app/service-kit';
import { RegistryApplication } from './application/registry.application';
import { RegistryServiceModule } from './registry-service.module';

runDistributedService('registry-service', 3003, (infra) => {
  const application = new RegistryApplication(infra);
  return { module: RegistryServiceModule.register(application), healthy: () => application.runtime.healthy() };
});
