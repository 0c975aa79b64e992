import { given } from '@app/eventstore/testing/given-when-then';
import { bookingDecider } from './booking.decider';
import { before, booked, cancelled, confirmed, deadline, rejectedAs, requested, slot } from './testing/booking-fixtures';

const afterDeadline = new Date(deadline.getTime() + 1);

describe('settling a pending booking', () => {
  it('confirms it when its reservation is made', () =>
    given(bookingDecider, [requested]).when({ type: 'ConfirmBooking', reservationId: 'r1', slot }).then([confirmed]));
  it('carries an amendment made while pending into the confirmation', () =>
    given(bookingDecider, [requested, { type: 'BookingAmended', data: { bookingId: 'b1', description: 'Fasting blood test', comment: 'c', changed: ['description', 'comment'] } }])
      .when({ type: 'ConfirmBooking', reservationId: 'r1', slot })
      .then([{ ...confirmed, data: { ...confirmed.data, description: 'Fasting blood test', comment: 'c' } } as typeof confirmed]));
  it('rejects it when the reservation is refused', () =>
    given(bookingDecider, [requested]).when({ type: 'RejectBooking', reservationId: 'r1', reason: 'slot_full' }).then([rejectedAs('slot_full')]));
  it('ignores an outcome for another reservation', () =>
    given(bookingDecider, [requested]).when({ type: 'ConfirmBooking', reservationId: 'r9', slot }).then([]));
  it('ignores a redelivered confirmation', () => given(bookingDecider, booked).when({ type: 'ConfirmBooking', reservationId: 'r1', slot }).then([]));
  it('a refusal after confirmation changes nothing', () =>
    given(bookingDecider, booked).when({ type: 'RejectBooking', reservationId: 'r1', reason: 'slot_full' }).then([]));

  describe('its deadline', () => {
    it('rejects a booking still pending with reason timeout', () =>
      given(bookingDecider, [requested]).when({ type: 'TimeOutBooking', at: afterDeadline }).then([rejectedAs('timeout')]));
    it('fires at the deadline itself', () =>
      given(bookingDecider, [requested]).when({ type: 'TimeOutBooking', at: deadline }).then([rejectedAs('timeout')]));
    it('does nothing before the deadline', () => given(bookingDecider, [requested]).when({ type: 'TimeOutBooking', at: before }).then([]));
    it('does nothing to a confirmed booking', () => given(bookingDecider, booked).when({ type: 'TimeOutBooking', at: afterDeadline }).then([]));
    it('does nothing when fired twice', () =>
      given(bookingDecider, [requested, rejectedAs('timeout')]).when({ type: 'TimeOutBooking', at: afterDeadline }).then([]));
    it('a reservation arriving after the timeout changes nothing in the booking', () =>
      given(bookingDecider, [requested, rejectedAs('timeout')]).when({ type: 'ConfirmBooking', reservationId: 'r1', slot }).then([]));
    it('does nothing to a cancelled booking', () =>
      given(bookingDecider, [...booked, cancelled]).when({ type: 'TimeOutBooking', at: afterDeadline }).then([]));
  });
});
