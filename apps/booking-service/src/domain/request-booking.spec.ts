import { given } from '@app/eventstore/testing/given-when-then';
import { bookingDecider } from './booking.decider';
import type { RequestBooking } from './booking.commands';
import type { BookingRequest } from './booking.events';
import { before, booked, carer, contact, deadline, request, requested, requestedWithContact, requestWithContact } from './testing/booking-fixtures';

const ask = (changes: Partial<BookingRequest> = {}, extra: Partial<RequestBooking> = {}): RequestBooking => ({
  type: 'RequestBooking',
  request: { ...request, ...changes },
  at: before,
  deadline,
  ...extra,
});

describe('requesting a booking', () => {
  it('records the request as pending, with its deadline', () => given(bookingDecider, []).when(ask()).then([requested]));

  describe('a repeat under the same Idempotency-Key', () => {
    it('appends nothing when it means the same', () => given(bookingDecider, [requested]).when(ask()).then([]));
    it('appends nothing however its keys and the booker’s federations are ordered', () => {
      const reordered = Object.fromEntries(Object.entries(request).reverse()) as unknown as BookingRequest;
      reordered.bookedBy = { federations: ['F2', 'F1'], organisationType: 'gp-practice', organisation: 'A81001' };
      given(bookingDecider, [requested]).when(ask(reordered)).then([]);
    });
    it('appends nothing after the booking was confirmed', () => given(bookingDecider, booked).when(ask()).then([]));
    it('is refused when the request differs', () =>
      given(bookingDecider, [requested]).when(ask({ slotId: 's2' })).thenFails('idempotency_key_reused'));
    it('is refused when the patient differs', () =>
      given(bookingDecider, [requested]).when(ask({ patient: { nhsNumber: '4010232137' } })).thenFails('idempotency_key_reused'));
  });

  describe('text is refused, never cut', () => {
    it('accepts a description of exactly 100 characters', () => {
      const longest = ask({ description: 'x'.repeat(100) });
      given(bookingDecider, []).when(longest).then([{ type: 'BookingRequested', data: { ...longest.request, deadline: deadline.toISOString() } }]);
    });
    it('refuses a description over 100 characters', () =>
      given(bookingDecider, []).when(ask({ description: 'x'.repeat(101) })).thenFails('description_invalid'));
    it('refuses a blank description', () => given(bookingDecider, []).when(ask({ description: '  ' })).thenFails('description_invalid'));
    it('refuses a comment over 500 characters', () =>
      given(bookingDecider, []).when(ask({ comment: 'x'.repeat(501) })).thenFails('comment_invalid'));
    it('refuses more than 20 reasonable adjustments', () =>
      given(bookingDecider, []).when(ask({ reasonableAdjustments: Array(21).fill('ramp') })).thenFails('reasonable_adjustments_invalid'));
    it('refuses a reasonable adjustment over 200 characters', () =>
      given(bookingDecider, []).when(ask({ reasonableAdjustments: ['ok', 'x'.repeat(201)] })).thenFails('reasonable_adjustments_invalid'));
  });

  describe('the patient’s contact and a supporter', () => {
    it('are recorded with the request', () =>
      given(bookingDecider, []).when(ask({ patient: requestWithContact.patient, supporter: carer })).then([requestedWithContact]));
    it('a repeat that adds a contact is another request', () =>
      given(bookingDecider, [requested]).when(ask({ patient: { ...request.patient, contact } })).thenFails('idempotency_key_reused'));
    it('refuses a contact whose phone is not a UK mobile', () =>
      given(bookingDecider, []).when(ask({ patient: { ...request.patient, contact: { phone: '0161 496 0000' } } })).thenFails('patient_contact_invalid'));
    it('refuses a supporter without a name', () =>
      given(bookingDecider, []).when(ask({ supporter: { ...carer, name: '' } })).thenFails('supporter_invalid'));
    it('names the field at fault, never its value', () => {
      const decide = () => bookingDecider.decide(ask({ supporter: { ...carer, contact: { address: { lines: ['1 High Street'], postcode: 'NOT A CODE' } } } }), bookingDecider.initialState);
      expect(decide).toThrow('supporter.contact.address.postcode: must be a UK postcode');
    });
  });

  describe('a rebook after reassessment', () => {
    const rebook = (replacing: RequestBooking['replacing'], changes: Partial<BookingRequest> = {}) =>
      ask({ bookingId: 'b2', reservationId: 'r2', supersedes: 'b1', rebookReason: 'worse after reassessment', ...changes }, { replacing });
    const old = { bookingId: 'b1', status: 'booked' as const, start: '2030-03-01T09:00:00.000Z' };

    it('is requested with what it supersedes and why', () =>
      given(bookingDecider, [])
        .when(rebook(old))
        .then([{ type: 'BookingRequested', data: { ...rebook(old).request, deadline: deadline.toISOString() } }]));
    it('needs a reason', () => given(bookingDecider, []).when(rebook(old, { rebookReason: undefined })).thenFails('reason_invalid'));
    it('needs the replaced appointment booked', () =>
      given(bookingDecider, []).when(rebook({ ...old, status: 'cancelled' })).thenFails('booking_not_rebookable'));
    it('needs the replaced appointment not started', () =>
      given(bookingDecider, []).when(rebook({ ...old, start: '2030-01-01T00:00:00.000Z' })).thenFails('appointment_in_past'));
    it('cannot replace itself', () => given(bookingDecider, []).when(rebook(old, { bookingId: 'b1' })).thenFails('booking_not_rebookable'));
    it('a repeat appends nothing even once the replaced one is cancelled', () =>
      given(bookingDecider, [{ type: 'BookingRequested', data: { ...rebook(old).request, deadline: deadline.toISOString() } }])
        .when(rebook({ ...old, status: 'cancelled' }))
        .then([]));
  });
});
