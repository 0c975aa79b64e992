import type { AppointmentDetails, BookingEvent, BookingRequest, Place } from './booking.events';

export type BookingStatus = 'pending' | 'booked' | 'rejected' | 'cancelled' | 'arrived' | 'attended' | 'did-not-attend';

export interface BookingState {
  /** The request as first made, kept to recognise a repeat. */
  request?: BookingRequest;
  status?: BookingStatus;
  deadline?: string;
  details?: AppointmentDetails;
  /** The place held once booked (moved by a reschedule). */
  place?: Place;
}

export const initialBookingState: BookingState = {};

export function evolveBooking(state: BookingState, event: BookingEvent): BookingState {
  switch (event.type) {
    case 'BookingRequested': {
      const { deadline, ...request } = event.data;
      const { description, comment, reasonableAdjustments } = request;
      return { request, status: 'pending', deadline, details: { description, comment, reasonableAdjustments } };
    }
    case 'BookingConfirmed': {
      const { bookingId: _b, patient: _p, bookedBy: _by, supersedes: _s, description, comment, reasonableAdjustments, ...place } = event.data;
      return { ...state, status: 'booked', place, details: { description, comment, reasonableAdjustments } };
    }
    case 'BookingRejected':
      return { ...state, status: 'rejected' };
    case 'BookingAmended': {
      const { bookingId: _b, ...details } = event.data;
      return { ...state, details };
    }
    case 'BookingRescheduled': {
      const { bookingId: _b, previous: _p, ...place } = event.data;
      return { ...state, place };
    }
    case 'BookingCancelled':
      return { ...state, status: 'cancelled' };
    case 'BookingAttendanceRecorded':
      return { ...state, status: event.data.status };
  }
}
