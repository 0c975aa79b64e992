import type { RecordedEvent } from '@app/eventstore';
import { EventTypeDeclaration, EventTypes } from '@app/eventstore/upcasting/event-types';
import type { OutgoingMessage } from '@app/messaging';
import { bookingIntegrationEvents } from '../../../booking-service/src/application/booking.integration';
import { bookingEventTypes } from '../../../booking-service/src/domain/booking-event-types';
import { carer, confirmed, confirmedWithContact, contact, otherSlot, request, requested, rescheduled } from '../../../booking-service/src/domain/testing/booking-fixtures';
import { notificationIntegrationEvents } from '../../../notification-service/src/application/notification.integration';
import { notificationEventTypes } from '../../../notification-service/src/domain/notification-event-types';
import { confirmed as confirmedBooking, historyOf, mobile } from '../../../notification-service/src/domain/testing/notification-fixtures';
import { registryIntegrationEvents } from '../../../registry-service/src/application/registry.integration';
import { registryEventTypes } from '../../../registry-service/src/domain/registry-event-types';
import { slotIntegrationEvents } from '../../../slot-service/src/application/slot.integration';
import { slotEventTypes } from '../../../slot-service/src/domain/slot-event-types';
import { held, published, rejected, released, reserved, withdrawn } from '../../../slot-service/src/domain/testing/slot-fixtures';

// Every service's outbound mapper, run on representative domain events (old shapes still in stores included: they
// carry their stored version and reach the mapper upcast, as the relay reads them).

/** A domain event in its current version unless `version` says it is an older one. */
type Sample = { type: string; data: unknown; version?: number };
let position = 0;
const recorded = (streamId: string, { type, data, version }: Sample, types: EventTypes): RecordedEvent =>
  types.upcast({
  id: `e${++position}`,
  type,
  version: version ?? types.versionOf(type),
  streamId,
  streamPosition: position,
  globalPosition: String(position),
  occurredAt: '2030-02-01T00:00:00.000Z',
  correlationId: 'c1',
  causationId: 'c1',
  actor: { organisation: 'A81001', organisationType: 'gp-practice', user: 'u1', role: 'booker', federations: [] },
  data: data as RecordedEvent['data'],
  });

const attempt = { bookingId: 'b1', rescheduleId: 'x1', slotId: 's2' };
const entry = {
  id: 'entry-1',
  appointmentId: 'b1',
  appointmentUrl: '/appointments/b1',
  nhsNumber: '9434765919',
  organisation: 'A81001',
  serviceType: 'phlebotomy',
  start: '2030-03-01T09:00:00.000Z',
  end: '2030-03-01T09:10:00.000Z',
  status: 'booked',
  source: 'booking',
  version: 1,
  createdAt: '2030-02-01T00:00:00.000Z',
  updatedAt: '2030-02-01T00:00:00.000Z',
};
const notificationRef = { notificationId: 'n1', kind: 'confirmation', recipient: 'patient' };

const samples: [string, (event: RecordedEvent) => OutgoingMessage[], EventTypeDeclaration, string, Sample[]][] = [
  ['slot-service', slotIntegrationEvents, slotEventTypes, 'slot-s1', [published(), held('h1'), reserved('r1', { holdId: 'h1' }), rejected('r2', 'slot_full'), released('r1'), withdrawn]],
  [
    'booking-service',
    bookingIntegrationEvents,
    bookingEventTypes,
    'booking-b1',
    [
      requested,
      { type: 'BookingRequested', data: { ...request, supersedes: 'b0', rebookReason: 'reassessed', deadline: '2030-02-01T00:00:30.000Z' } },
      confirmed,
      confirmedWithContact,
      { type: 'BookingRejected', data: { bookingId: 'b1', reservationId: 'r1', slotId: 's1', reason: 'timeout' } },
      { type: 'BookingAmended', data: { bookingId: 'b1', description: 'Blood test', patientContact: contact, supporter: carer, changed: ['patientContact', 'supporter'] } },
      { type: 'BookingAmended', version: 1, data: { bookingId: 'b1', description: 'Blood test', comment: 'fasting' } },
      rescheduled,
      { type: 'BookingCancelled', data: { bookingId: 'b1', reservationId: 'r1', slotId: 's1', reason: 'superseded', supersededBy: 'b2' } },
      { type: 'BookingAttendanceRecorded', data: { bookingId: 'b1', status: 'did-not-attend', reason: 'no show' } },
      { type: 'RescheduleRequested', data: { ...attempt, holdId: 'h2', requester: request.bookedBy, deadline: '2030-02-01T00:00:30.000Z' } },
      { type: 'RescheduleReserved', data: { ...attempt, slot: otherSlot } },
      { type: 'RescheduleRefused', data: { ...attempt, reason: 'slot_full' } },
      { type: 'RescheduleTimedOut', data: attempt },
      { type: 'RescheduleAbandoned', data: { ...attempt, reason: 'booking_cancelled' } },
    ],
  ],
  [
    'registry-service',
    registryIntegrationEvents,
    registryEventTypes,
    'registry-entry-1',
    [
      { type: 'RegistryEntryCreated', data: { entry } },
      { type: 'RegistryEntryCreated', version: 1, data: { entryId: 'entry-0', nhsNumber: '9434765919', appointmentId: 'b0', organisation: 'A81001', serviceType: 'phlebotomy', start: entry.start, end: entry.end } },
      { type: 'RegistryEntryUpdated', data: { entry: { ...entry, version: 2, start: '2030-03-02T09:00:00.000Z', end: '2030-03-02T09:10:00.000Z' } } },
      { type: 'RegistryEntryCancelled', data: { entry: { ...entry, status: 'cancelled', supersededBy: 'entry-2', version: 3 }, reason: 'superseded' } },
      { type: 'RegistryEntryExpired', data: { entry: { ...entry, status: 'expired', version: 4 } } },
      { type: 'RegistryEntryEnteredInError', data: { entry: { ...entry, source: 'external', appointmentUrl: 'https://pas.example/a/1', status: 'entered-in-error', version: 2 } } },
    ],
  ],
  [
    'notification-service',
    notificationIntegrationEvents,
    notificationEventTypes,
    'notification-b1',
    [
      ...historyOf(confirmedBooking({ phone: mobile, language: 'pl' })),
      ...historyOf(confirmedBooking()).filter((event) => event.type === 'NotificationUndeliverable'),
      { type: 'NotificationSent', data: { ...notificationRef, channel: 'sms', sentAt: '2030-06-01T09:00:01.000Z', providerId: 'p1' } },
      { type: 'NotificationRetryScheduled', data: { ...notificationRef, attempts: 1, reason: 'notify_500', due: '2030-06-01T09:01:00.000Z' } },
      { type: 'NotificationDelivered', data: { ...notificationRef, channel: 'sms', deliveredAt: '2030-06-01T09:00:05.000Z' } },
      { type: 'NotificationFailed', data: { ...notificationRef, reason: 'notify_permanent-failure', attempts: 1, at: '2030-06-01T09:00:05.000Z' } },
      { type: 'NotificationCancelled', data: { ...notificationRef, kind: 'reminder', reason: 'booking_cancelled', at: '2030-06-02T09:00:00.000Z' } },
    ],
  ],
];

/** What each service's mapper publishes for the samples, by service. */
export const publishedBy = samples.map(([service, mapper, declaration, streamId, events]) => {
  const types = new EventTypes(declaration);
  return [service, events.flatMap((event) => mapper(recorded(streamId, event, types)))] as const;
});

