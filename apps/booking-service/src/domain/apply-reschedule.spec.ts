import { given } from '@app/eventstore/testing/given-when-then';
import { bookingDecider } from './booking.decider';
import { booked, cancelled, otherSlot, rescheduled } from './testing/booking-fixtures';

const apply = { type: 'ApplyReschedule' as const, reservationId: 'x1', slot: otherSlot };

describe('applying a reserved reschedule to the appointment', () => {
  it('moves a booked appointment to the new place, naming the previous one to release', () => given(bookingDecider, booked).when(apply).then([rescheduled]));
  it('appends nothing when it is already there', () => given(bookingDecider, [...booked, rescheduled]).when(apply).then([]));
  it('does not move a cancelled appointment', () => given(bookingDecider, [...booked, cancelled]).when(apply).then([]));
  it('a later reschedule releases the place the first one moved to', () =>
    given(bookingDecider, [...booked, rescheduled])
      .when({ ...apply, reservationId: 'x2', slot: { ...otherSlot, slotId: 's3' } })
      .then([{ type: 'BookingRescheduled', data: { ...otherSlot, slotId: 's3', reservationId: 'x2', bookingId: 'b1', previous: { ...otherSlot, reservationId: 'x1' } } }]));
});
