export { SlotApplication } from './application/slot.application';
export { SlotServiceModule } from './slot-service.module';
