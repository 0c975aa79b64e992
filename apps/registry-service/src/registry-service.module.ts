import { DynamicModule, Module } from '@nestjs/common';
import { serviceModule } from '@app/service-kit';
import { RegistryApplication } from './application/registry.application';
import { EntriesController } from './http/entries.controller';
import { RegistryReadsController } from './http/registry-reads.controller';

@Module({})
export class RegistryServiceModule {
  static register(application: RegistryApplication): DynamicModule {
    return serviceModule(RegistryServiceModule, application, [EntriesController, RegistryReadsController]);
  }
}
