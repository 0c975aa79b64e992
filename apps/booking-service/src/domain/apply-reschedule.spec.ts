import { given } from '@app/eventstore/testing/given-when-then';
import { storedAs } from '@app/eventstore/testing/stored-as';
import { bookingEventTypes } from './booking-event-types';
import { bookingDecider } from './booking.decider';
import type { BookingEvent } from './booking.events';
import { booked, cancelled, otherSlot, place, rescheduled } from './testing/booking-fixtures';

const apply = { type: 'ApplyReschedule' as const, reservationId: 'x1', slot: otherSlot };

describe('applying a reserved reschedule to the appointment', () => {
  it('moves a booked appointment to the new place, naming the previous one to release', () => given(bookingDecider, booked).when(apply).then([rescheduled]));
  it('appends nothing when it is already there', () => given(bookingDecider, [...booked, rescheduled]).when(apply).then([]));
  it('does not move a cancelled appointment', () => given(bookingDecider, [...booked, cancelled]).when(apply).then([]));
  it('a later reschedule releases the place the first one moved to', () =>
    given(bookingDecider, [...booked, rescheduled])
      .when({ ...apply, reservationId: 'x2', slot: { ...otherSlot, slotId: 's3' } })
      .then([{ type: 'BookingRescheduled', data: { bookingId: 'b1', place: { ...otherSlot, slotId: 's3', reservationId: 'x2' }, previous: { ...otherSlot, reservationId: 'x1' } } }]));
  it('reads a move stored by release 0.1 (v1, the new place flat) as the same move', () => {
    const storedV1 = storedAs<BookingEvent>(bookingEventTypes, 'BookingRescheduled', 1, { ...otherSlot, reservationId: 'x1', bookingId: 'b1', previous: place });
    expect(storedV1).toEqual(rescheduled);
    given(bookingDecider, [...booked, storedV1]).when(apply).then([]);
  });
});
