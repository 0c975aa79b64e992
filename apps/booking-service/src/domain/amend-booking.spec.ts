import { given } from '@app/eventstore/testing/given-when-then';
import { storedAs } from '@app/eventstore/testing/stored-as';
import { bookingEventTypes } from './booking-event-types';
import type { AmendBooking } from './booking.commands';
import type { BookingEvent } from './booking.events';
import type { PatientContact, Supporter } from './contact-details';
import { bookingDecider } from './booking.decider';
import {
  attendance,
  before,
  booked,
  bookedWithContact,
  cancelled,
  carer,
  confirmed,
  confirmedWithContact,
  contact,
  duringAppointment,
  rejectedAs,
  requested,
} from './testing/booking-fixtures';

const amend = (changes: AmendBooking['changes'], at = before): AmendBooking => ({ type: 'AmendBooking', changes, at });
const withComment = [...booked, { type: 'BookingAmended' as const, data: { bookingId: 'b1', description: 'Blood test', comment: 'old', reasonableAdjustments: ['ramp'], changed: ['comment' as const, 'reasonableAdjustments' as const] } }];

describe('amending an appointment', () => {
  it('records the whole new description, comment and adjustments, and which changed', () =>
    given(bookingDecider, booked)
      .when(amend({ comment: 'bring glasses', reasonableAdjustments: ['wheelchair access'] }))
      .then([
        {
          type: 'BookingAmended',
          data: { bookingId: 'b1', description: 'Blood test', comment: 'bring glasses', reasonableAdjustments: ['wheelchair access'], changed: ['comment', 'reasonableAdjustments'] },
        },
      ]));
  it('removes a comment and adjustments given as null', () =>
    given(bookingDecider, withComment)
      .when(amend({ comment: null, reasonableAdjustments: null }))
      .then([{ type: 'BookingAmended', data: { bookingId: 'b1', description: 'Blood test', changed: ['comment', 'reasonableAdjustments'] } }]));
  it('keeps fields left out', () =>
    given(bookingDecider, withComment)
      .when(amend({ description: 'Fasting blood test' }))
      .then([{ type: 'BookingAmended', data: { bookingId: 'b1', description: 'Fasting blood test', comment: 'old', reasonableAdjustments: ['ramp'], changed: ['description'] } }]));
  it('appends nothing when nothing changes', () => given(bookingDecider, booked).when(amend({ description: 'Blood test' })).then([]));
  it('may amend a pending booking', () =>
    given(bookingDecider, [requested])
      .when(amend({ comment: 'c' }))
      .then([{ type: 'BookingAmended', data: { bookingId: 'b1', description: 'Blood test', comment: 'c', changed: ['comment'] } }]));
  it('refuses text over the limits', () => given(bookingDecider, booked).when(amend({ description: 'x'.repeat(101) })).thenFails('description_invalid'));
  it('refuses a cancelled appointment', () => given(bookingDecider, [...booked, cancelled]).when(amend({ comment: 'c' })).thenFails('booking_not_amendable'));
  it('refuses a rejected booking', () => given(bookingDecider, [requested, rejectedAs('slot_full')]).when(amend({ comment: 'c' })).thenFails('booking_not_amendable'));
  it('refuses an attended appointment', () =>
    given(bookingDecider, [...booked, attendance('attended')]).when(amend({ comment: 'c' }, duringAppointment)).thenFails('booking_not_amendable'));
  it('refuses a did-not-attend appointment', () =>
    given(bookingDecider, [...booked, attendance('did-not-attend')]).when(amend({ comment: 'c' }, duringAppointment)).thenFails('booking_not_amendable'));
  it('refuses an appointment that has started', () =>
    given(bookingDecider, booked).when(amend({ comment: 'c' }, duringAppointment)).thenFails('appointment_in_past'));

  describe('the patient’s contact and the supporter', () => {
    const whole = { bookingId: 'b1', description: 'Blood test', patientContact: contact, supporter: carer };

    it('adds a contact and a supporter to an appointment booked without them', () =>
      given(bookingDecider, booked)
        .when(amend({ patientContact: contact, supporter: carer }))
        .then([{ type: 'BookingAmended', data: { ...whole, changed: ['patientContact', 'supporter'] } }]));
    it('replaces the contact as a whole, carrying the supporter unchanged', () =>
      given(bookingDecider, bookedWithContact)
        .when(amend({ patientContact: { email: 'new@example.org' } }))
        .then([{ type: 'BookingAmended', data: { ...whole, patientContact: { email: 'new@example.org' }, changed: ['patientContact'] } }]));
    it('removes the contact and the supporter given as null', () =>
      given(bookingDecider, bookedWithContact)
        .when(amend({ patientContact: null, supporter: null }))
        .then([{ type: 'BookingAmended', data: { bookingId: 'b1', description: 'Blood test', changed: ['patientContact', 'supporter'] } }]));
    it('a text change carries the contact and supporter as they are', () =>
      given(bookingDecider, bookedWithContact)
        .when(amend({ comment: 'c' }))
        .then([{ type: 'BookingAmended', data: { ...whole, comment: 'c', changed: ['comment'] } }]));
    it('appends nothing when the same contact and supporter are given again, whatever their key order', () => {
      const reordered = Object.fromEntries(Object.entries(contact).reverse());
      given(bookingDecider, bookedWithContact).when(amend({ patientContact: reordered, supporter: { ...carer } })).then([]);
    });
    it('appends nothing when removing what is not there', () => given(bookingDecider, booked).when(amend({ patientContact: null, supporter: null })).then([]));
    it('follows the last amendment: a removed supporter stays removed', () =>
      given(bookingDecider, [...bookedWithContact, { type: 'BookingAmended', data: { bookingId: 'b1', description: 'Blood test', patientContact: contact, changed: ['supporter'] } }])
        .when(amend({ supporter: null }))
        .then([]));
    it('an amendment stored before contacts were amendable (v1, no `changed`) keeps the contact and supporter', () =>
      given(bookingDecider, [...bookedWithContact, storedAs<BookingEvent>(bookingEventTypes, 'BookingAmended', 1, { bookingId: 'b1', description: 'Blood test', comment: 'old' })])
        .when(amend({ comment: null }))
        .then([{ type: 'BookingAmended', data: { ...whole, changed: ['comment'] } }]));
    it('a contact amended while pending is the one confirmed', () =>
      given(bookingDecider, [requested, { type: 'BookingAmended', data: { bookingId: 'b1', description: 'Blood test', patientContact: contact, supporter: carer, changed: ['patientContact', 'supporter'] } } as BookingEvent])
        .when({ type: 'ConfirmBooking', reservationId: 'r1', slot: confirmed.data as never })
        .then([confirmedWithContact]));

    it.each<[PatientContact, string]>([
      [{ phone: '01632 960000' }, 'a landline'],
      [{ phone: '+44 7700 90012' }, 'a short mobile number'],
      [{ email: 'not-an-email' }, 'an email without a domain'],
      [{ email: `${'x'.repeat(250)}@example.org` }, 'an email over 254 characters'],
      [{ address: { lines: [], postcode: 'RS1 2AB' } }, 'an address without lines'],
      [{ address: { lines: Array(7).fill('line'), postcode: 'RS1 2AB' } }, 'an address of seven lines'],
      [{ address: { lines: ['x'.repeat(81)], postcode: 'RS1 2AB' } }, 'an address line over 80 characters'],
      [{ address: { lines: ['1 High Street'], postcode: '12345' } }, 'a postcode that is not a UK one'],
      [{ language: 'Welsh' }, 'a language that is not a tag'],
      [{ format: 'comic-sans' as never }, 'an unknown format'],
      [{ preferredChannel: 'pigeon' as never }, 'an unknown channel'],
    ])('refuses a contact with %s (%s)', (patientContact) =>
      given(bookingDecider, booked).when(amend({ patientContact })).thenFails('patient_contact_invalid'));
    it('takes a mobile number with spaces, national or international', () => {
      given(bookingDecider, booked).when(amend({ patientContact: { phone: '+44 7700 900123' } })).then([
        { type: 'BookingAmended', data: { bookingId: 'b1', description: 'Blood test', patientContact: { phone: '+44 7700 900123' }, changed: ['patientContact'] } },
      ]);
    });
    it.each<[Supporter, string]>([
      [{ ...carer, name: ' ' }, 'a blank name'],
      [{ ...carer, name: 'x'.repeat(201) }, 'a name over 200 characters'],
      [{ ...carer, relationship: 'x'.repeat(101) }, 'a relationship over 100 characters'],
      [{ ...carer, role: 'friend' as never }, 'an unknown role'],
      [{ ...carer, contact: { preferredChannel: 'none' as never } }, 'a preferred channel of none'],
      [{ ...carer, contact: { phone: '12345' } }, 'a phone that is not a UK mobile'],
    ])('refuses a supporter with %s (%s)', (supporter) => given(bookingDecider, booked).when(amend({ supporter })).thenFails('supporter_invalid'));
  });
});
