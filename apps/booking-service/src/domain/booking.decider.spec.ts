import { given } from '@app/eventstore/testing/given-when-then';
import type { SlotDetails } from '@app/contracts';
import { bookingDecider } from './booking.decider';
import type { BookingEvent, BookingRequest } from './booking.events';

const request: BookingRequest = {
  bookingId: 'b1',
  slotId: 's1',
  patient: { nhsNumber: '9434765919' },
  description: 'Blood test',
  bookedBy: { organisation: 'A81001', organisationType: 'gp-practice', federations: [] },
};
const slot: SlotDetails = {
  slotId: 's1',
  organisation: 'A81001',
  serviceType: 'phlebotomy',
  deliveryChannel: 'in-person',
  start: '2030-03-01T09:00:00Z',
  end: '2030-03-01T09:10:00Z',
};
const requested: BookingEvent = { type: 'BookingRequested', data: request };
const confirmed: BookingEvent = {
  type: 'BookingConfirmed',
  data: { ...slot, bookingId: 'b1', patient: request.patient, description: request.description, bookedBy: request.bookedBy },
};
const rejected: BookingEvent = { type: 'BookingRejected', data: { bookingId: 'b1', slotId: 's1', reason: 'slot_full' } };

describe('booking decider', () => {
  describe('requesting', () => {
    it('records the request as pending', () => given(bookingDecider, []).when({ type: 'RequestBooking', request }).then([requested]));
    it('a retried identical request appends nothing', () =>
      given(bookingDecider, [requested]).when({ type: 'RequestBooking', request }).then([]));
    it('a different request under the same id is refused', () =>
      given(bookingDecider, [requested])
        .when({ type: 'RequestBooking', request: { ...request, slotId: 's2' } })
        .thenFails('idempotency_key_reused'));
    it('refuses a description over 100 characters, never truncating it', () =>
      given(bookingDecider, [])
        .when({ type: 'RequestBooking', request: { ...request, description: 'x'.repeat(101) } })
        .thenFails('description_invalid'));
    it('accepts a description of exactly 100 characters', () => {
      const longest = { ...request, description: 'x'.repeat(100) };
      given(bookingDecider, []).when({ type: 'RequestBooking', request: longest }).then([{ type: 'BookingRequested', data: longest }]);
    });
    it('refuses a blank description', () =>
      given(bookingDecider, []).when({ type: 'RequestBooking', request: { ...request, description: '  ' } }).thenFails('description_invalid'));
    it('refuses a comment over 500 characters', () =>
      given(bookingDecider, [])
        .when({ type: 'RequestBooking', request: { ...request, comment: 'x'.repeat(501) } })
        .thenFails('comment_too_long'));
  });

  describe('saga outcome', () => {
    it('confirms a pending booking when the slot is reserved', () =>
      given(bookingDecider, [requested]).when({ type: 'ConfirmBooking', bookingId: 'b1', slot }).then([confirmed]));
    it('rejects a pending booking when the reservation is refused', () =>
      given(bookingDecider, [requested]).when({ type: 'RejectBooking', bookingId: 'b1', reason: 'slot_full' }).then([rejected]));
    it('ignores a redelivered confirmation', () =>
      given(bookingDecider, [requested, confirmed]).when({ type: 'ConfirmBooking', bookingId: 'b1', slot }).then([]));
    it('a rejection after confirmation changes nothing', () =>
      given(bookingDecider, [requested, confirmed]).when({ type: 'RejectBooking', bookingId: 'b1', reason: 'slot_full' }).then([]));
  });
});
