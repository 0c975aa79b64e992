import {
  NotificationCancelledV1,
  NotificationDeliveredV1,
  NotificationEventTypes,
  NotificationFailedV1,
  NotificationScheduledV1,
  NotificationSentV1,
  Topics,
} from '@app/contracts';
import type { RecordedEvent } from '@app/eventstore';
import { OutgoingMessage, integrationMessage } from '@app/messaging';
import type { Notification } from '../domain/notification';
import type { NotificationEvent } from '../domain/notification.events';

const scheduled = (notification: Notification): NotificationScheduledV1 => ({
  notificationId: notification.notificationId,
  appointmentId: notification.appointmentId,
  kind: notification.kind,
  recipient: notification.recipient.role,
  channel: notification.recipient.channel,
  format: notification.format,
  language: notification.language,
  translationRequired: notification.translationRequired,
  due: notification.due,
});

/**
 * notification.events.v1, keyed by appointment: the lifecycle of each message, never its text or the contact
 * details. Appointment facts and retries stay inside the service; a rerouted message is scheduled again.
 */
export function notificationIntegrationEvents(recorded: RecordedEvent): OutgoingMessage[] {
  const event = { type: recorded.type, data: recorded.data } as NotificationEvent;
  const appointmentId = recorded.streamId.slice('notification-'.length);
  const publish = <T>(type: string, data: T) => [integrationMessage<T>(recorded, Topics.notificationEvents, appointmentId, type, data)];
  switch (event.type) {
    case 'NotificationScheduled':
    case 'NotificationRerouted':
      return publish<NotificationScheduledV1>(NotificationEventTypes.scheduled, scheduled(event.data));
    case 'NotificationUndeliverable': {
      const { notificationId, kind, recipient } = event.data.notification;
      return publish<NotificationFailedV1>(NotificationEventTypes.failed, { notificationId, appointmentId, kind, recipient: recipient.role, reason: event.data.reason });
    }
    case 'NotificationSent': {
      const { notificationId, kind, recipient, channel, sentAt } = event.data;
      return publish<NotificationSentV1>(NotificationEventTypes.sent, { notificationId, appointmentId, kind, recipient, channel, sentAt });
    }
    case 'NotificationDelivered': {
      const { notificationId, kind, recipient, channel, deliveredAt } = event.data;
      return publish<NotificationDeliveredV1>(NotificationEventTypes.delivered, { notificationId, appointmentId, kind, recipient, channel, deliveredAt });
    }
    case 'NotificationFailed': {
      const { notificationId, kind, recipient, reason } = event.data;
      return publish<NotificationFailedV1>(NotificationEventTypes.failed, { notificationId, appointmentId, kind, recipient, reason });
    }
    case 'NotificationCancelled': {
      const { notificationId, kind, recipient, reason } = event.data;
      return publish<NotificationCancelledV1>(NotificationEventTypes.cancelled, { notificationId, appointmentId, kind, recipient, reason });
    }
    default:
      return [];
  }
}
