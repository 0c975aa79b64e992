import { DomainError } from '@app/eventstore/decider';
import { requireFuture } from '../booking-rules';
import { canonicalJson } from '@app/eventstore/canonical-json';
import type { RequestReschedule } from './reschedule.commands';
import type { RescheduleEvent, RescheduleRequest } from './reschedule.events';
import { RescheduleState, inProgress } from './reschedule.state';

const meaning = (request: RescheduleRequest): string =>
  canonicalJson({ ...request, requester: { ...request.requester, federations: [...request.requester.federations].sort() } });

/** A booked appointment that has not started asks for a place in another slot; one attempt at a time. */
export function requestReschedule(command: RequestReschedule, state: RescheduleState): RescheduleEvent[] {
  const { request, booking } = command;
  const earlier = state.attempts[request.rescheduleId];
  if (earlier) {
    if (meaning(earlier.request) === meaning(request)) return [];
    throw new DomainError('idempotency_key_reused', 'this Idempotency-Key was already used for a different request', 'invalid');
  }
  if (booking.status !== 'booked') {
    throw new DomainError('booking_not_reschedulable', `a ${booking.status ?? 'missing'} appointment cannot be rescheduled; only booked ones`, 'invalid');
  }
  requireFuture(booking.start, command.at, 'rescheduled');
  const pending = Object.values(state.attempts).find(inProgress);
  if (pending) {
    throw new DomainError('reschedule_in_progress', `reschedule ${pending.request.rescheduleId} of this appointment is still in progress`);
  }
  return [{ type: 'RescheduleRequested', data: { ...request, deadline: command.deadline.toISOString() } }];
}
