import type { Decider } from '@app/eventstore/decider';
import type { RescheduleCommand } from './reschedule.commands';
import type { RescheduleEvent } from './reschedule.events';
import { RescheduleState, evolveReschedule, initialRescheduleState } from './reschedule.state';
import { requestReschedule } from './request-reschedule';
import { abandonReschedule, completeReschedule, recordReservation, refuseReschedule, timeOutReschedule } from './settle-reschedule';

/**
 * The reschedule process of one booking. Attempts live here, not in the booking stream, so an attempt that fails
 * leaves the appointment, its version and ETag exactly as they were; only a reserved place moves the appointment.
 */
export const rescheduleDecider: Decider<RescheduleCommand, RescheduleEvent, RescheduleState> = {
  initialState: initialRescheduleState,
  decide: (command, state) => {
    switch (command.type) {
      case 'RequestReschedule':
        return requestReschedule(command, state);
      case 'RecordRescheduleReservation':
        return recordReservation(command, state);
      case 'RefuseReschedule':
        return refuseReschedule(command, state);
      case 'TimeOutReschedule':
        return timeOutReschedule(command, state);
      case 'CompleteReschedule':
        return completeReschedule(command, state);
      case 'AbandonReschedule':
        return abandonReschedule(command, state);
    }
  },
  evolve: evolveReschedule,
};
