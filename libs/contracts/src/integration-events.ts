import type {
  BookingAmendedV1,
  BookingAttendanceRecordedV1,
  BookingCancelledV1,
  BookingConfirmedV1,
  BookingRejectedV1,
  BookingRequestedV1,
  BookingRescheduleRejectedV1,
  BookingRescheduleRequestedV1,
  BookingRescheduledV1,
  SlotReleaseRequestedV1,
} from './booking-events';
import { BookingEventTypes } from './booking-events';
import { DEAD_LETTER_EVENT_TYPE, type DeadLetterV1 } from './dead-letter-events';
import type { EventEnvelope } from './envelope';
import type {
  NotificationCancelledV1,
  NotificationDeliveredV1,
  NotificationFailedV1,
  NotificationScheduledV1,
  NotificationSentV1,
} from './notification-events';
import { NotificationEventTypes } from './notification-events';
import { RegistryEventTypes, type RegistryEntryChangedV1 } from './registry-events';
import type { SlotReleasedV1, SlotReservationRejectedV1, SlotReservedV1 } from './slot-events';
import { SlotEventTypes } from './slot-events';
import { Topics } from './topics';

/** An integration event as it travels on the bus: the envelope with its `type`, `version` and `data` fixed. */
export interface IntegrationEvent<Type extends string, Version extends number, Data> extends Omit<EventEnvelope<Data>, 'type' | 'version' | 'data'> {
  type: Type;
  version: Version;
  data: Data;
}

// One interface per published type and version: the JSON Schemas in libs/contracts/schemas are generated from them.
export interface SlotReservedEventV1 extends IntegrationEvent<typeof SlotEventTypes.reserved, 1, SlotReservedV1> {}
export interface SlotReservationRejectedEventV1 extends IntegrationEvent<typeof SlotEventTypes.reservationRejected, 1, SlotReservationRejectedV1> {}
export interface SlotReleasedEventV1 extends IntegrationEvent<typeof SlotEventTypes.released, 1, SlotReleasedV1> {}
export interface BookingRequestedEventV1 extends IntegrationEvent<typeof BookingEventTypes.requested, 1, BookingRequestedV1> {}
export interface BookingConfirmedEventV1 extends IntegrationEvent<typeof BookingEventTypes.confirmed, 1, BookingConfirmedV1> {}
export interface BookingRejectedEventV1 extends IntegrationEvent<typeof BookingEventTypes.rejected, 1, BookingRejectedV1> {}
export interface BookingAmendedEventV1 extends IntegrationEvent<typeof BookingEventTypes.amended, 1, BookingAmendedV1> {}
export interface BookingRescheduleRequestedEventV1
  extends IntegrationEvent<typeof BookingEventTypes.rescheduleRequested, 1, BookingRescheduleRequestedV1> {}
export interface BookingRescheduledEventV1 extends IntegrationEvent<typeof BookingEventTypes.rescheduled, 1, BookingRescheduledV1> {}
export interface BookingRescheduleRejectedEventV1
  extends IntegrationEvent<typeof BookingEventTypes.rescheduleRejected, 1, BookingRescheduleRejectedV1> {}
export interface BookingCancelledEventV1 extends IntegrationEvent<typeof BookingEventTypes.cancelled, 1, BookingCancelledV1> {}
export interface BookingAttendanceRecordedEventV1
  extends IntegrationEvent<typeof BookingEventTypes.attendanceRecorded, 1, BookingAttendanceRecordedV1> {}
export interface SlotReleaseRequestedEventV1 extends IntegrationEvent<typeof BookingEventTypes.slotReleaseRequested, 1, SlotReleaseRequestedV1> {}
export interface RegistryEntryChangedEventV1 extends IntegrationEvent<typeof RegistryEventTypes.entryChanged, 1, RegistryEntryChangedV1> {}
export interface NotificationScheduledEventV1 extends IntegrationEvent<typeof NotificationEventTypes.scheduled, 1, NotificationScheduledV1> {}
export interface NotificationSentEventV1 extends IntegrationEvent<typeof NotificationEventTypes.sent, 1, NotificationSentV1> {}
export interface NotificationDeliveredEventV1 extends IntegrationEvent<typeof NotificationEventTypes.delivered, 1, NotificationDeliveredV1> {}
export interface NotificationFailedEventV1 extends IntegrationEvent<typeof NotificationEventTypes.failed, 1, NotificationFailedV1> {}
export interface NotificationCancelledEventV1 extends IntegrationEvent<typeof NotificationEventTypes.cancelled, 1, NotificationCancelledV1> {}
export interface DeadLetterEventV1 extends IntegrationEvent<typeof DEAD_LETTER_EVENT_TYPE, 1, DeadLetterV1> {}

/** Stands for every `<topic>.dlq`: dead letters have one contract whatever topic they come from. */
export const deadLetterTopics = 'dlq';

/** One published type and version on a topic, and the interface above that describes it. */
export interface IntegrationEventContract {
  topic: string;
  type: string;
  version: number;
  typeName: string;
}

const contract = (topic: string, type: string, version: number, typeName: string): IntegrationEventContract => ({ topic, type, version, typeName });

/** Every integration event the platform publishes; libs/contracts/schemas holds one JSON Schema per entry. */
export const integrationEventContracts: readonly IntegrationEventContract[] = [
  contract(Topics.slotEvents, SlotEventTypes.reserved, 1, 'SlotReservedEventV1'),
  contract(Topics.slotEvents, SlotEventTypes.reservationRejected, 1, 'SlotReservationRejectedEventV1'),
  contract(Topics.slotEvents, SlotEventTypes.released, 1, 'SlotReleasedEventV1'),
  contract(Topics.bookingEvents, BookingEventTypes.requested, 1, 'BookingRequestedEventV1'),
  contract(Topics.bookingEvents, BookingEventTypes.confirmed, 1, 'BookingConfirmedEventV1'),
  contract(Topics.bookingEvents, BookingEventTypes.rejected, 1, 'BookingRejectedEventV1'),
  contract(Topics.bookingEvents, BookingEventTypes.amended, 1, 'BookingAmendedEventV1'),
  contract(Topics.bookingEvents, BookingEventTypes.rescheduleRequested, 1, 'BookingRescheduleRequestedEventV1'),
  contract(Topics.bookingEvents, BookingEventTypes.rescheduled, 1, 'BookingRescheduledEventV1'),
  contract(Topics.bookingEvents, BookingEventTypes.rescheduleRejected, 1, 'BookingRescheduleRejectedEventV1'),
  contract(Topics.bookingEvents, BookingEventTypes.cancelled, 1, 'BookingCancelledEventV1'),
  contract(Topics.bookingEvents, BookingEventTypes.attendanceRecorded, 1, 'BookingAttendanceRecordedEventV1'),
  contract(Topics.bookingEvents, BookingEventTypes.slotReleaseRequested, 1, 'SlotReleaseRequestedEventV1'),
  contract(Topics.registryChanges, RegistryEventTypes.entryChanged, 1, 'RegistryEntryChangedEventV1'),
  contract(Topics.notificationEvents, NotificationEventTypes.scheduled, 1, 'NotificationScheduledEventV1'),
  contract(Topics.notificationEvents, NotificationEventTypes.sent, 1, 'NotificationSentEventV1'),
  contract(Topics.notificationEvents, NotificationEventTypes.delivered, 1, 'NotificationDeliveredEventV1'),
  contract(Topics.notificationEvents, NotificationEventTypes.failed, 1, 'NotificationFailedEventV1'),
  contract(Topics.notificationEvents, NotificationEventTypes.cancelled, 1, 'NotificationCancelledEventV1'),
  contract(deadLetterTopics, DEAD_LETTER_EVENT_TYPE, 1, 'DeadLetterEventV1'),
];

/** Where a contract's JSON Schema is, relative to libs/contracts/schemas: `<topic>/<type>.v<version>.json`. */
export const schemaFileOf = ({ topic, type, version }: Pick<IntegrationEventContract, 'topic' | 'type' | 'version'>): string =>
  `${topic}/${type}.v${version}.json`;

/** The contract of a message on `topic` (any `<topic>.dlq` counts as dead letters), if there is one. */
export const contractOf = (topic: string, type: string, version: number): IntegrationEventContract | undefined => {
  const channel = topic.endsWith('.dlq') ? deadLetterTopics : topic;
  return integrationEventContracts.find((c) => c.topic === channel && c.type === type && c.version === version);
};
