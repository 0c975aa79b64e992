export { EventTypes, type EventTypeDeclaration, type Upcaster } from './event-types';
export { UpcastingEventStore, eventByEvent } from './upcasting-event-store';
