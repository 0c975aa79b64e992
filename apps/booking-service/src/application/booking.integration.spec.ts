import type { RecordedEvent } from '@app/eventstore';
import { storedAs } from '@app/eventstore/testing/stored-as';
import { bookingEventTypes } from '../domain/booking-event-types';
import type { BookingEvent } from '../domain/booking.events';
import type { RescheduleEvent } from '../domain/reschedule/reschedule.events';
import { carer, confirmed, confirmedWithContact, contact, otherSlot, place, request, requested } from '../domain/testing/booking-fixtures';
import { bookingIntegrationEvents } from './booking.integration';

const recorded = (event: BookingEvent | RescheduleEvent): RecordedEvent => ({
  id: `e-${event.type}`,
  type: event.type,
  version: 1,
  streamId: 'booking-b1',
  streamPosition: 0,
  globalPosition: '1',
  occurredAt: '2030-02-01T00:00:00.000Z',
  correlationId: 'c1',
  causationId: 'c1',
  actor: { organisation: 'A81001', organisationType: 'gp-practice', user: 'u', role: 'booker', federations: [] },
  data: event.data,
});
const published = (event: BookingEvent | RescheduleEvent) =>
  bookingIntegrationEvents(recorded(event)).map(({ topic, key, event: message }) => ({ topic, key, type: message.type, data: message.data }));
const onTopic = { topic: 'booking.events.v1', key: 'b1' };
const ref = { bookingId: 'b1', rescheduleId: 'x1', slotId: 's2' };

describe('booking integration events (booking.events.v1, keyed by booking)', () => {
  it('a request asks for a reservation under its own reservationId', () =>
    expect(published(requested)).toEqual([
      { ...onTopic, type: 'BookingRequested', data: { bookingId: 'b1', reservationId: 'r1', slotId: 's1', requester: request.bookedBy } },
    ]));
  it('a confirmation carries the whole appointment', () =>
    expect(published(confirmed)).toEqual([{ ...onTopic, type: 'BookingConfirmed', data: confirmed.data }]));
  it('a confirmation carries the patient’s contact and the supporter', () =>
    expect(published(confirmedWithContact)[0].data).toMatchObject({ patient: { ...request.patient, contact }, supporter: carer }));
  it('an amendment carries the whole new values and which changed', () => {
    const data = { bookingId: 'b1', description: 'Blood test', patientContact: contact, changed: ['patientContact' as const] };
    expect(published({ type: 'BookingAmended', data })).toEqual([{ ...onTopic, type: 'BookingAmended', data }]);
  });
  it('an amendment stored before contacts were amendable (v1, no `changed`) says the text may have changed', () =>
    expect(published(storedAs(bookingEventTypes, 'BookingAmended', 1, { bookingId: 'b1', description: 'Blood test', comment: 'c' }))).toEqual([
      { ...onTopic, type: 'BookingAmended', data: { bookingId: 'b1', description: 'Blood test', comment: 'c', changed: ['description', 'comment', 'reasonableAdjustments'] } },
    ]));
  it('a timeout also asks for the late reservation to be released', () =>
    expect(published({ type: 'BookingRejected', data: { bookingId: 'b1', reservationId: 'r1', slotId: 's1', reason: 'timeout' } })).toEqual([
      { ...onTopic, type: 'BookingRejected', data: { bookingId: 'b1', reservationId: 'r1', slotId: 's1', reason: 'timeout' } },
      { ...onTopic, type: 'SlotReleaseRequested', data: { bookingId: 'b1', reservationId: 'r1', slotId: 's1', reason: 'timeout' } },
    ]));
  it('a refusal releases nothing', () =>
    expect(published({ type: 'BookingRejected', data: { bookingId: 'b1', reservationId: 'r1', slotId: 's1', reason: 'slot_full' } }).map((m) => m.type)).toEqual([
      'BookingRejected',
    ]));
  it('a cancellation releases the place', () =>
    expect(published({ type: 'BookingCancelled', data: { bookingId: 'b1', reservationId: 'r1', slotId: 's1', reason: 'superseded', supersededBy: 'b2' } })).toEqual([
      { ...onTopic, type: 'BookingCancelled', data: { bookingId: 'b1', slotId: 's1', reason: 'superseded', supersededBy: 'b2' } },
      { ...onTopic, type: 'SlotReleaseRequested', data: { bookingId: 'b1', reservationId: 'r1', slotId: 's1', reason: 'cancelled' } },
    ]));
  it('a move is published with the new place flat (BookingRescheduledV1 as ever), then the previous place released', () =>
    expect(published({ type: 'BookingRescheduled', data: { bookingId: 'b1', place: { ...otherSlot, reservationId: 'x1' }, previous: place } })).toEqual([
      { ...onTopic, type: 'BookingRescheduled', data: { ...otherSlot, reservationId: 'x1', bookingId: 'b1', previous: place } },
      { ...onTopic, type: 'SlotReleaseRequested', data: { bookingId: 'b1', reservationId: 'r1', slotId: 's1', reason: 'rescheduled' } },
    ]));
  it('a move stored by release 0.1 (v1) is published exactly as that release published it', () => {
    const v1 = { ...otherSlot, reservationId: 'x1', bookingId: 'b1', previous: place };
    expect(published(storedAs(bookingEventTypes, 'BookingRescheduled', 1, v1))[0]).toEqual({ ...onTopic, type: 'BookingRescheduled', data: v1 });
  });
  it('a reschedule attempt asks for a reservation under the attempt’s id', () =>
    expect(published({ type: 'RescheduleRequested', data: { ...ref, requester: request.bookedBy, deadline: '2030-02-01T00:00:30.000Z' } })).toEqual([
      { ...onTopic, type: 'BookingRescheduleRequested', data: { bookingId: 'b1', reservationId: 'x1', slotId: 's2', requester: request.bookedBy } },
    ]));
  it('a timed-out attempt is rejected and its late place released', () =>
    expect(published({ type: 'RescheduleTimedOut', data: ref })).toEqual([
      { ...onTopic, type: 'BookingRescheduleRejected', data: { bookingId: 'b1', reservationId: 'x1', slotId: 's2', reason: 'timeout' } },
      { ...onTopic, type: 'SlotReleaseRequested', data: { bookingId: 'b1', reservationId: 'x1', slotId: 's2', reason: 'timeout' } },
    ]));
  it('an abandoned attempt gives its reserved place back', () =>
    expect(published({ type: 'RescheduleAbandoned', data: { ...ref, reason: 'booking_cancelled' } }).map((m) => [m.type, (m.data as { reason: string }).reason])).toEqual([
      ['BookingRescheduleRejected', 'booking_cancelled'],
      ['SlotReleaseRequested', 'cancelled'],
    ]));
  it('internal steps publish nothing', () => {
    expect(published({ type: 'RescheduleReserved', data: { ...ref, slot: otherSlot } })).toEqual([]);
    expect(published({ type: 'RescheduleCompleted', data: ref })).toEqual([]);
  });
});
