import type { BookingEvent, BookingRequest, Place } from '../booking.events';
import type { PatientContact, Supporter } from '../contact-details';
import type { SlotDetails } from '../slot-details';

/** Shared givens for the booking specs: one request, its slot, and the events of its story. */
export const before = new Date('2030-02-01T00:00:00Z');
export const deadline = new Date('2030-02-01T00:00:30Z');
export const slot: SlotDetails = {
  slotId: 's1',
  organisation: 'A81001',
  federations: ['F1'],
  serviceType: 'phlebotomy',
  deliveryChannel: 'in-person',
  start: '2030-03-01T09:00:00.000Z',
  end: '2030-03-01T09:10:00.000Z',
};
export const duringAppointment = new Date('2030-03-01T09:05:00Z');
export const otherSlot: SlotDetails = { ...slot, slotId: 's2', start: '2030-03-02T09:00:00.000Z', end: '2030-03-02T09:10:00.000Z' };

export const request: BookingRequest = {
  bookingId: 'b1',
  reservationId: 'r1',
  slotId: 's1',
  patient: { nhsNumber: '9434765919', name: 'Ada Patient' },
  description: 'Blood test',
  bookedBy: { organisation: 'A81001', organisationType: 'gp-practice', federations: ['F1', 'F2'] },
};
export const place: Place = { ...slot, reservationId: 'r1' };

export const requested: BookingEvent = { type: 'BookingRequested', data: { ...request, deadline: deadline.toISOString() } };
export const confirmed: BookingEvent = {
  type: 'BookingConfirmed',
  data: { ...place, bookingId: 'b1', patient: request.patient, description: 'Blood test', bookedBy: request.bookedBy },
};
export const rejectedAs = (reason: string): BookingEvent => ({ type: 'BookingRejected', data: { bookingId: 'b1', reservationId: 'r1', slotId: 's1', reason } });
export const cancelled: BookingEvent = { type: 'BookingCancelled', data: { bookingId: 'b1', reservationId: 'r1', slotId: 's1', reason: 'patient asked' } };
export const attendance = (status: 'arrived' | 'attended' | 'did-not-attend'): BookingEvent => ({
  type: 'BookingAttendanceRecorded',
  data: { bookingId: 'b1', status },
});
export const booked: BookingEvent[] = [requested, confirmed];
export const rescheduled: BookingEvent = { type: 'BookingRescheduled', data: { bookingId: 'b1', place: { ...otherSlot, reservationId: 'x1' }, previous: place } };

/** Contact details of the story's patient and of a carer (fictitious). */
export const contact: PatientContact = {
  email: 'ada@example.org',
  phone: '07700900123',
  address: { lines: ['1 High Street', 'Riverside'], postcode: 'RS1 2AB' },
  preferredChannel: 'sms',
  language: 'cy',
  format: 'large-print',
};
export const carer: Supporter = { name: 'Bob Carer', relationship: 'son', role: 'carer', contact: { email: 'bob@example.org', preferredChannel: 'email' } };
/** The same story for a patient who gave a contact and a carer. */
export const requestWithContact: BookingRequest = { ...request, patient: { ...request.patient, contact }, supporter: carer };
export const requestedWithContact: BookingEvent = { type: 'BookingRequested', data: { ...requestWithContact, deadline: deadline.toISOString() } };
export const confirmedWithContact: BookingEvent = {
  type: 'BookingConfirmed',
  data: { ...place, bookingId: 'b1', patient: requestWithContact.patient, supporter: carer, description: 'Blood test', bookedBy: request.bookedBy },
};
export const bookedWithContact: BookingEvent[] = [requestedWithContact, confirmedWithContact];
