import type { Decider } from '@app/eventstore/decider';
import { noteAmended, noteAttendance, noteCancelled, noteConfirmed, noteRescheduled } from './booking-changes';
import { dropStartedReminder, recordDelivery, recordReceipt } from './delivery';
import type { NotificationCommand } from './notification.commands';
import type { NotificationEvent } from './notification.events';
import { NotificationState, evolveNotifications, initialNotificationState } from './notification.state';

/** The notifications of one appointment: what each booking change sends to whom, and what came of each delivery. */
export const notificationDecider: Decider<NotificationCommand, NotificationEvent, NotificationState> = {
  initialState: initialNotificationState,
  decide: (command, state) => {
    switch (command.type) {
      case 'NoteBookingConfirmed':
        return noteConfirmed(command, state);
      case 'NoteBookingAmended':
        return noteAmended(command, state);
      case 'NoteBookingRescheduled':
        return noteRescheduled(command, state);
      case 'NoteBookingCancelled':
        return noteCancelled(command, state);
      case 'NoteAttendance':
        return noteAttendance(command, state);
      case 'DropStartedReminder':
        return dropStartedReminder(command, state);
      case 'RecordDelivery':
        return recordDelivery(command, state);
      case 'RecordReceipt':
        return recordReceipt(command, state);
    }
  },
  evolve: evolveNotifications,
};
