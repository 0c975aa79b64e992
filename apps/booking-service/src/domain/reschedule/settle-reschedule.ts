import type { AbandonReschedule, CompleteReschedule, RecordRescheduleReservation, RefuseReschedule, TimeOutReschedule } from './reschedule.commands';
import type { RescheduleEvent } from './reschedule.events';
import type { AttemptStatus, RescheduleState } from './reschedule.state';

/** The attempt if it is in `status`: an answer for an attempt already settled (redelivered, or too late) changes nothing. */
function attemptIn(state: RescheduleState, rescheduleId: string, status: AttemptStatus) {
  const attempt = state.attempts[rescheduleId];
  if (attempt?.status !== status) return undefined;
  const { bookingId, slotId } = attempt.request;
  return { attempt, ref: { bookingId, rescheduleId, slotId } };
}

export function recordReservation(command: RecordRescheduleReservation, state: RescheduleState): RescheduleEvent[] {
  const found = attemptIn(state, command.rescheduleId, 'requested');
  return found ? [{ type: 'RescheduleReserved', data: { ...found.ref, slot: command.slot } }] : [];
}

export function refuseReschedule(command: RefuseReschedule, state: RescheduleState): RescheduleEvent[] {
  const found = attemptIn(state, command.rescheduleId, 'requested');
  return found ? [{ type: 'RescheduleRefused', data: { ...found.ref, reason: command.reason } }] : [];
}

export function timeOutReschedule(command: TimeOutReschedule, state: RescheduleState): RescheduleEvent[] {
  const found = attemptIn(state, command.rescheduleId, 'requested');
  if (!found || command.at.getTime() < Date.parse(found.attempt.deadline)) return [];
  return [{ type: 'RescheduleTimedOut', data: found.ref }];
}

export function completeReschedule(command: CompleteReschedule, state: RescheduleState): RescheduleEvent[] {
  const found = attemptIn(state, command.rescheduleId, 'reserved');
  return found ? [{ type: 'RescheduleCompleted', data: found.ref }] : [];
}

export function abandonReschedule(command: AbandonReschedule, state: RescheduleState): RescheduleEvent[] {
  const found = attemptIn(state, command.rescheduleId, 'reserved');
  return found ? [{ type: 'RescheduleAbandoned', data: { ...found.ref, reason: command.reason } }] : [];
}
