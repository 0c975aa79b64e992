export { RegistryApplication } from './application/registry.application';
export { RegistryServiceModule } from './registry-service.module';
