import { DynamicModule, Module } from '@nestjs/common';
import { describeRules, serviceModule } from '@app/service-kit';
import { RegistryApplication } from './application/registry.application';
import { EntriesController } from './http/entries.controller';
import { RegistryReadsController } from './http/registry-reads.controller';
import { registryRuleSchemas } from './http/registry.rule-schemas';

@Module({})
export class RegistryServiceModule {
  static register(application: RegistryApplication): DynamicModule {
    describeRules(registryRuleSchemas);
    return serviceModule(RegistryServiceModule, application, [EntriesController, RegistryReadsController]);
  }
}
