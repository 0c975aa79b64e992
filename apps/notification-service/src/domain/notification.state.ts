import type { Appointment } from './appointment';
import type { NotificationEvent } from './notification.events';
import type { NotificationRecord } from './notification';

/** The notifications of one appointment (stream `notification-<bookingId>`) and what is known of it. */
export interface NotificationState {
  appointment?: Appointment;
  notifications: Record<string, NotificationRecord>;
}

export const initialNotificationState: NotificationState = { notifications: {} };

const update = (state: NotificationState, id: string, change: Partial<NotificationRecord>): NotificationState => {
  const record = state.notifications[id];
  return record ? { ...state, notifications: { ...state.notifications, [id]: { ...record, ...change } } } : state;
};

export function evolveNotifications(state: NotificationState, event: NotificationEvent): NotificationState {
  switch (event.type) {
    case 'AppointmentRecorded':
      return { ...state, appointment: event.data.appointment };
    case 'NotificationScheduled': {
      const notification = event.data;
      const { notificationId, kind, due } = notification;
      const record = { notificationId, kind, role: notification.recipient.role, status: 'scheduled' as const, attempts: 0, due, notification };
      return { ...state, notifications: { ...state.notifications, [notificationId]: record } };
    }
    case 'NotificationRerouted':
      return update(state, event.data.notificationId, { notification: event.data });
    case 'NotificationUndeliverable': {
      const { notificationId, kind, recipient, due } = event.data.notification;
      const record = { notificationId, kind, role: recipient.role, status: 'failed' as const, attempts: 0, due };
      return { ...state, notifications: { ...state.notifications, [notificationId]: record } };
    }
    case 'NotificationSent':
      return update(state, event.data.notificationId, { status: 'sent', ...(event.data.providerId ? { providerId: event.data.providerId } : {}) });
    case 'NotificationDelivered':
      return update(state, event.data.notificationId, { status: 'delivered' });
    case 'NotificationRetryScheduled':
      return update(state, event.data.notificationId, { attempts: event.data.attempts, due: event.data.due });
    case 'NotificationFailed':
      return update(state, event.data.notificationId, { status: 'failed', attempts: event.data.attempts });
    case 'NotificationCancelled':
      return update(state, event.data.notificationId, { status: 'cancelled' });
    case 'NotificationQueued': {
      const { notificationId } = event.data;
      const record = { notificationId, kind: 'confirmation' as const, role: 'patient' as const, status: 'sent' as const, attempts: 0, due: '' };
      return { ...state, notifications: { ...state.notifications, [notificationId]: record } };
    }
  }
}
