export { RegistryApplication } from './application/registry.application';
export type { RegistryOptions } from './application/registry-options';
export { RegistryServiceModule } from './registry-service.module';
export { registryEventTypes } from './domain/registry-event-types';
