import type { SlotDetails } from '../slot-details';
import type { RescheduleEvent, RescheduleRequest } from './reschedule.events';

export type AttemptStatus = 'requested' | 'reserved' | 'completed' | 'refused' | 'timed-out' | 'abandoned';

export interface Attempt {
  request: RescheduleRequest;
  deadline: string;
  status: AttemptStatus;
  slot?: SlotDetails;
}

/** The reschedule process of one booking (stream `booking-reschedules-<bookingId>`): every attempt, by id. */
export interface RescheduleState {
  attempts: Record<string, Attempt>;
}

export const initialRescheduleState: RescheduleState = { attempts: {} };

/** Requested or reserved: the appointment may still move, so another attempt must wait. */
export const inProgress = (attempt: Attempt): boolean => attempt.status === 'requested' || attempt.status === 'reserved';

const statusAfter: Record<Exclude<RescheduleEvent['type'], 'RescheduleRequested'>, AttemptStatus> = {
  RescheduleReserved: 'reserved',
  RescheduleCompleted: 'completed',
  RescheduleRefused: 'refused',
  RescheduleTimedOut: 'timed-out',
  RescheduleAbandoned: 'abandoned',
};

export function evolveReschedule(state: RescheduleState, event: RescheduleEvent): RescheduleState {
  if (event.type === 'RescheduleRequested') {
    const { deadline, ...request } = event.data;
    return { attempts: { ...state.attempts, [request.rescheduleId]: { request, deadline, status: 'requested' } } };
  }
  const attempt = state.attempts[event.data.rescheduleId];
  const slot = event.type === 'RescheduleReserved' ? event.data.slot : attempt.slot;
  return { attempts: { ...state.attempts, [attempt.request.rescheduleId]: { ...attempt, status: statusAfter[event.type], slot } } };
}
