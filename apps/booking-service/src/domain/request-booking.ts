import { DomainError } from '@app/eventstore/decider';
import { checkDetails, checkReason } from './appointment-text';
import type { ReplacedBooking, RequestBooking } from './booking.commands';
import type { BookingEvent, BookingRequest } from './booking.events';
import { requireFuture } from './booking-rules';
import type { BookingState } from './booking.state';
import { checkPatientContact, checkSupporter } from './contact-details';
import { canonicalJson } from '@app/eventstore/canonical-json';

/** The meaning of a request: key order and the order of the booker's federations do not matter. */
export const requestMeaning = (request: BookingRequest): string =>
  canonicalJson({ ...request, bookedBy: { ...request.bookedBy, federations: [...request.bookedBy.federations].sort() } });

/** A rebook replaces a booked appointment that has not started yet. */
function checkReplaced(request: BookingRequest, replacing: ReplacedBooking | undefined, at: Date): void {
  checkReason(request.rebookReason, true);
  if (!replacing || replacing.bookingId !== request.supersedes || replacing.bookingId === request.bookingId) {
    throw new DomainError('booking_not_rebookable', `appointment ${request.supersedes} cannot be replaced by this request`, 'invalid');
  }
  if (replacing.status !== 'booked') {
    throw new DomainError('booking_not_rebookable', `a ${replacing.status ?? 'missing'} appointment cannot be rebooked; only booked ones`, 'invalid');
  }
  requireFuture(replacing.start, at, 'rebooked');
}

export function requestBooking(command: RequestBooking, state: BookingState): BookingEvent[] {
  const { request } = command;
  if (state.request) {
    // A repeat (same Idempotency-Key, same meaning) appends nothing; another request under that key is refused.
    if (requestMeaning(state.request) === requestMeaning(request)) return [];
    throw new DomainError('idempotency_key_reused', 'this Idempotency-Key was already used for a different request', 'invalid');
  }
  checkDetails(request);
  if (request.patient.contact !== undefined) checkPatientContact(request.patient.contact);
  if (request.supporter !== undefined) checkSupporter(request.supporter);
  if (request.supersedes !== undefined) checkReplaced(request, command.replacing, command.at);
  return [{ type: 'BookingRequested', data: { ...request, deadline: command.deadline.toISOString() } }];
}
