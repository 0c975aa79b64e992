import type { RecordedEvent } from '@app/eventstore';
import { storedAs } from '@app/eventstore/testing/stored-as';
import { bookingEventTypes } from '../domain/booking-event-types';
import type { BookingEvent } from '../domain/booking.events';
import { carer, contact, otherSlot, place, requestedWithContact, confirmedWithContact } from '../domain/testing/booking-fixtures';
import { foldAppointment } from './appointment-view';

const story = (...events: BookingEvent[]): RecordedEvent[] =>
  events.map((event, index) => ({
    id: `e${index}`,
    type: event.type,
    version: 1,
    streamId: 'booking-b1',
    streamPosition: index,
    globalPosition: String(index + 1),
    occurredAt: '2030-02-01T00:00:00.000Z',
    correlationId: 'c1',
    causationId: 'c1',
    actor: { organisation: 'A81001', organisationType: 'gp-practice', user: 'u', role: 'booker', federations: [] },
    data: event.data,
  }));
const booked = [requestedWithContact, confirmedWithContact];

describe('the appointment view: contact, supporter and the host’s name', () => {
  it('shows the patient’s contact and the supporter once booked', () =>
    expect(foldAppointment(story(...booked))).toMatchObject({ status: 'booked', patient: { nhsNumber: '9434765919', contact }, supporter: carer }));
  it('an amendment with `changed` sets both as given: absent means removed', () => {
    const view = foldAppointment(story(...booked, { type: 'BookingAmended', data: { bookingId: 'b1', description: 'Blood test', supporter: carer, changed: ['patientContact'] } }));
    expect(view?.patient).toEqual({ nhsNumber: '9434765919', name: 'Ada Patient' });
    expect(view?.supporter).toEqual(carer);
  });
  it('an amendment stored before contacts were amendable (v1, no `changed`) leaves them as they were', () =>
    expect(foldAppointment(story(...booked, storedAs(bookingEventTypes, 'BookingAmended', 1, { bookingId: 'b1', description: 'Fasting' })))).toMatchObject({
      description: 'Fasting',
      patient: { contact },
      supporter: carer,
    }));
  it('the host’s name follows the place', () => {
    const named = { ...confirmedWithContact, data: { ...confirmedWithContact.data, organisationName: 'Riverside Surgery' } } as BookingEvent;
    expect(foldAppointment(story(requestedWithContact, named))?.organisationName).toBe('Riverside Surgery');
    const moved = foldAppointment(story(requestedWithContact, named, { type: 'BookingRescheduled', data: { bookingId: 'b1', place: { ...otherSlot, reservationId: 'x1' }, previous: place } }));
    expect(moved?.organisationName).toBeUndefined();
    const movedNamed = foldAppointment(
      story(requestedWithContact, named, { type: 'BookingRescheduled', data: { bookingId: 'b1', place: { ...otherSlot, organisationName: 'Hub', reservationId: 'x1' }, previous: place } }),
    );
    expect(movedNamed?.organisationName).toBe('Hub');
  });
  it('a move stored by release 0.1 (v1, the new place flat) shows as the same move', () => {
    const storedV1 = storedAs<BookingEvent>(bookingEventTypes, 'BookingRescheduled', 1, { ...otherSlot, organisationName: 'Hub', reservationId: 'x1', bookingId: 'b1', previous: place });
    expect(foldAppointment(story(...booked, storedV1))).toMatchObject({ slotId: otherSlot.slotId, start: otherSlot.start, end: otherSlot.end, organisationName: 'Hub', version: 3 });
  });
});
