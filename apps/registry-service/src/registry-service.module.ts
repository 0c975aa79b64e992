import { DynamicModule, Module } from '@nestjs/common';
import { serviceModule } from '@app/service-kit';
import { RegistryApplication } from './application/registry.application';
import { RegistryController } from './http/registry.controller';

@Module({})
export class RegistryServiceModule {
  static register(application: RegistryApplication): DynamicModule {
    return serviceModule(RegistryServiceModule, application, [RegistryController]);
  }
}
