import { NotificationEventTypes, NotificationQueuedV1, Topics } from '@app/contracts';
import { RecordedEvent, toDomainEvent } from '@app/eventstore';
import { OutgoingMessage, integrationMessage } from '@app/messaging';
import type { NotificationEvent } from '../domain/notification.decider';

export function notificationIntegrationEvents(recorded: RecordedEvent): OutgoingMessage[] {
  const event = toDomainEvent<NotificationEvent>(recorded);
  if (event.type !== 'NotificationQueued') return [];
  const { notificationId, appointmentId, kind, channel } = event.data;
  return [
    integrationMessage<NotificationQueuedV1>(recorded, Topics.notificationEvents, appointmentId, NotificationEventTypes.queued, {
      notificationId,
      appointmentId,
      kind,
      channel,
    }),
  ];
}
