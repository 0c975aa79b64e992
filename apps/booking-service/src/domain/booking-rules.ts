import { DomainError } from '@app/eventstore/decider';
import type { BookingState, BookingStatus } from './booking.state';

/** An appointment whose start has come is in the past: it can no longer be changed, only attended or missed. */
export const hasStarted = (start: string | undefined, at: Date): boolean => start !== undefined && Date.parse(start) <= at.getTime();

export function requireStatus(state: BookingState, allowed: BookingStatus[], code: string, action: string): void {
  if (!state.status || !allowed.includes(state.status)) {
    throw new DomainError(code, `a ${state.status ?? 'missing'} appointment cannot be ${action}; only ${allowed.join(' or ')} ones`, 'invalid');
  }
}

export function requireFuture(start: string | undefined, at: Date, action: string): void {
  if (hasStarted(start, at)) throw new DomainError('appointment_in_past', `an appointment that has started (${start}) cannot be ${action}`, 'invalid');
}
