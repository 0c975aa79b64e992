import { Decider, DomainError } from '@app/eventstore/decider';
import type { BookingCommand, RequestBooking } from './booking.commands';
import type { BookingEvent, BookingRequest } from './booking.events';

export type BookingStatus = 'pending' | 'booked' | 'rejected';

export interface BookingState {
  request?: BookingRequest;
  status?: BookingStatus;
}

/** GP Connect limits: longer text is refused, never truncated. */
export const descriptionMaxLength = 100;
export const commentMaxLength = 500;

const sameRequest = (a: BookingRequest, b: BookingRequest) => JSON.stringify(a) === JSON.stringify(b);

function request(command: RequestBooking, state: BookingState): BookingEvent[] {
  const { request } = command;
  if (state.request) {
    // A retried request (same Idempotency-Key, same body) appends nothing; a different body under that key is an error.
    if (sameRequest(state.request, request)) return [];
    throw new DomainError('idempotency_key_reused', 'this Idempotency-Key was already used for a different booking request');
  }
  if (request.description.trim() === '' || request.description.length > descriptionMaxLength) {
    throw new DomainError('description_invalid', `description must be 1 to ${descriptionMaxLength} characters`, 'invalid');
  }
  if (request.comment !== undefined && request.comment.length > commentMaxLength) {
    throw new DomainError('comment_too_long', `comment must be at most ${commentMaxLength} characters`, 'invalid');
  }
  return [{ type: 'BookingRequested', data: request }];
}

export const bookingDecider: Decider<BookingCommand, BookingEvent, BookingState> = {
  initialState: {},
  decide: (command, state) => {
    switch (command.type) {
      case 'RequestBooking':
        return request(command, state);
      case 'ConfirmBooking':
        // Only a pending booking moves; a redelivered outcome finds it settled and changes nothing.
        if (state.status !== 'pending') return [];
        const { bookingId, patient, description, bookedBy } = state.request!;
        return [{ type: 'BookingConfirmed', data: { ...command.slot, bookingId, patient, description, bookedBy } }];
      case 'RejectBooking':
        return state.status === 'pending'
          ? [{ type: 'BookingRejected', data: { bookingId: command.bookingId, slotId: state.request!.slotId, reason: command.reason } }]
          : [];
    }
  },
  evolve: (state, event) => {
    switch (event.type) {
      case 'BookingRequested':
        return { request: event.data, status: 'pending' };
      case 'BookingConfirmed':
        return { ...state, status: 'booked' };
      case 'BookingRejected':
        return { ...state, status: 'rejected' };
      default:
        return state;
    }
  },
};
