import type { EventTypeDeclaration } from '@app/eventstore/upcasting/event-types';
import type { NotificationEvent } from './notification.events';

/**
 * The notification-service's stored events and the version each is written in. NotificationQueued is no longer
 * written but still read: a type of its own (it stands for an appointment party and a sent confirmation at once),
 * so no upcaster of another type's versions can stand in for it.
 */
export const notificationEventTypes: EventTypeDeclaration<NotificationEvent['type']> = {
  versions: {
    AppointmentRecorded: 1,
    NotificationScheduled: 1,
    NotificationRerouted: 1,
    NotificationUndeliverable: 1,
    NotificationSent: 1,
    NotificationRetryScheduled: 1,
    NotificationDelivered: 1,
    NotificationFailed: 1,
    NotificationCancelled: 1,
    NotificationQueued: 1,
  },
};
