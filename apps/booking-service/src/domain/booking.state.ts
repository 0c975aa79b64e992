import type { AppointmentDetails, BookingAmended, BookingEvent, BookingRequest, Patient, Place } from './booking.events';
import type { Supporter } from './contact-details';

export type BookingStatus = 'pending' | 'booked' | 'rejected' | 'cancelled' | 'arrived' | 'attended' | 'did-not-attend';

export interface BookingState {
  /** The request as first made, kept to recognise a repeat. */
  request?: BookingRequest;
  status?: BookingStatus;
  deadline?: string;
  details?: AppointmentDetails;
  /** The patient as now: the request's, with the contact as last amended. */
  patient?: Patient;
  supporter?: Supporter;
  /** The place held once booked (moved by a reschedule). */
  place?: Place;
}

export const initialBookingState: BookingState = {};

export function evolveBooking(state: BookingState, event: BookingEvent): BookingState {
  switch (event.type) {
    case 'BookingRequested': {
      const { deadline, ...request } = event.data;
      const { description, comment, reasonableAdjustments, patient, supporter } = request;
      return { request, status: 'pending', deadline, details: { description, comment, reasonableAdjustments }, patient, supporter };
    }
    case 'BookingConfirmed': {
      const { bookingId: _b, patient, supporter, bookedBy: _by, supersedes: _s, description, comment, reasonableAdjustments, ...place } = event.data;
      return { ...state, status: 'booked', place, details: { description, comment, reasonableAdjustments }, patient, supporter };
    }
    case 'BookingRejected':
      return { ...state, status: 'rejected' };
    case 'BookingAmended':
      return amended(state, event.data);
    case 'BookingRescheduled':
      return { ...state, place: event.data.place };
    case 'BookingCancelled':
      return { ...state, status: 'cancelled' };
    case 'BookingAttendanceRecorded':
      return { ...state, status: event.data.status };
  }
}

function amended(state: BookingState, data: BookingAmended['data']): BookingState {
  const { description, comment, reasonableAdjustments, patientContact, supporter, changed } = data;
  const details = { description, comment, reasonableAdjustments };
  const { contact: _old, ...patient } = state.patient!;
  return {
    ...state,
    details,
    ...(changed.includes('patientContact') ? { patient: patientContact ? { ...patient, contact: patientContact } : patient } : {}),
    ...(changed.includes('supporter') ? { supporter } : {}),
  };
}
