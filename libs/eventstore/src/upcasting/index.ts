export { EventTypes, type EventTypeDeclaration, type Upcaster } from './event-types';
export { UpcastingEventStore } from './upcasting-event-store';
