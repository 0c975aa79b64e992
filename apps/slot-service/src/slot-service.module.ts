import { DynamicModule, Module } from '@nestjs/common';
import { serviceModule } from '@app/service-kit';
import { SlotApplication } from './application/slot.application';
import { SlotsController } from './http/slots.controller';

@Module({})
export class SlotServiceModule {
  static register(application: SlotApplication): DynamicModule {
    return serviceModule(SlotServiceModule, application, [SlotsController]);
  }
}
