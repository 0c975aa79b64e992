import type { Decider } from '@app/eventstore/decider';
import { amendBooking } from './amend-booking';
import { applyReschedule } from './apply-reschedule';
import type { BookingCommand } from './booking.commands';
import type { BookingEvent } from './booking.events';
import { BookingState, evolveBooking, initialBookingState } from './booking.state';
import { cancelBooking, supersedeBooking } from './cancel-booking';
import { recordAttendance } from './record-attendance';
import { requestBooking } from './request-booking';
import { confirmBooking, rejectBooking, timeOutBooking } from './settle-booking';

/** The Booking (stream `booking-<id>`): one appointment from request to attendance. Each rule lives in its use case's file. */
export const bookingDecider: Decider<BookingCommand, BookingEvent, BookingState> = {
  initialState: initialBookingState,
  decide: (command, state) => {
    switch (command.type) {
      case 'RequestBooking':
        return requestBooking(command, state);
      case 'ConfirmBooking':
        return confirmBooking(command, state);
      case 'RejectBooking':
        return rejectBooking(command, state);
      case 'TimeOutBooking':
        return timeOutBooking(command, state);
      case 'AmendBooking':
        return amendBooking(command, state);
      case 'CancelBooking':
        return cancelBooking(command, state);
      case 'SupersedeBooking':
        return supersedeBooking(command, state);
      case 'RecordAttendance':
        return recordAttendance(command, state);
      case 'ApplyReschedule':
        return applyReschedule(command, state);
    }
  },
  evolve: evolveBooking,
};
