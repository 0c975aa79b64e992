export { SlotApplication } from './application/slot.application';
export { SlotServiceModule } from './slot-service.module';
export { slotEventTypes } from './domain/slot-event-types';
