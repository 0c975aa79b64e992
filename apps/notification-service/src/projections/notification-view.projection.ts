import { RecordedEvent, toDomainEvent } from '@app/eventstore';
import type { Collection, DocumentStore } from '@app/readmodel';
import type { Projection } from '@app/service-kit';
import type { NotificationEvent, QueuedNotification } from '../domain/notification.decider';

export interface NotificationView extends Omit<QueuedNotification, 'notificationId'> {
  id: string;
  status: 'queued';
  queuedAt: string;
}

export const notificationViews = (documents: DocumentStore): Collection<NotificationView> =>
  documents.collection<NotificationView>('notifications', [['appointmentId']]);

export class NotificationViewProjection implements Projection {
  constructor(private readonly notifications: Collection<NotificationView>) {}

  async apply(recorded: RecordedEvent): Promise<void> {
    if (!recorded.streamId.startsWith('notification-')) return;
    const event = toDomainEvent<NotificationEvent>(recorded);
    if (event.type === 'NotificationQueued') {
      const { notificationId, ...notification } = event.data;
      await this.notifications.put({ id: notificationId, ...notification, status: 'queued', queuedAt: recorded.occurredAt });
    }
  }
}
