import type { NotificationKind, Requester } from '@app/contracts';
import type { Decider, DomainEvent } from '@app/eventstore/decider';

export interface QueuedNotification {
  notificationId: string;
  appointmentId: string;
  kind: NotificationKind;
  channel: string;
  recipient: { nhsNumber: string };
  /** The rendered message as the patient will receive it. */
  message: string;
  /** The booking's provider and booker: who may read this notification. */
  organisation: string;
  bookedBy: Requester;
}

export type NotificationQueued = DomainEvent<'NotificationQueued', QueuedNotification>;
export type NotificationEvent = NotificationQueued;

export interface QueueNotification {
  type: 'QueueNotification';
  notification: QueuedNotification;
}
export type NotificationCommand = QueueNotification;

/** The notifications of one booking (stream `notification-<bookingId>`). */
export interface NotificationState {
  queued: string[];
}

export const notificationDecider: Decider<NotificationCommand, NotificationEvent, NotificationState> = {
  initialState: { queued: [] },
  // One message per change: the same notification is never queued twice.
  decide: (command, state) =>
    state.queued.includes(command.notification.notificationId) ? [] : [{ type: 'NotificationQueued', data: command.notification }],
  evolve: (state, event) => (event.type === 'NotificationQueued' ? { queued: [...state.queued, event.data.notificationId] } : state),
};
