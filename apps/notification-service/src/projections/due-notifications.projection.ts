import type { RecordedEvent } from '@app/eventstore';
import type { Collection } from '@app/readmodel';
import type { Projection } from '@app/service-kit';
import type { NotificationEvent } from '../domain/notification.events';
import type { DueNotification } from './notification-views';

/**
 * The notifications still to send, kept from the events so they survive a restart: put when scheduled and when
 * a retry is set, gone once sent, failed or cancelled. A DeadlineScheduler fires them at `due`.
 */
export class DueNotificationsProjection implements Projection {
  readonly name = 'due-notifications';

  constructor(private readonly due: Collection<DueNotification>) {}

  async apply(recorded: RecordedEvent): Promise<void> {
    if (!recorded.streamId.startsWith('notification-')) return;
    const event = { type: recorded.type, data: recorded.data } as NotificationEvent;
    const cause = { correlationId: recorded.correlationId, causationId: recorded.id };
    const at = recorded.globalPosition;
    switch (event.type) {
      case 'NotificationScheduled':
        await this.due.putIfNewer({ id: event.data.notificationId, due: event.data.due, appointmentId: event.data.appointmentId, ...cause }, at);
        return;
      case 'NotificationRetryScheduled': {
        const pending = await this.due.get(event.data.notificationId);
        if (pending) await this.due.putIfNewer({ ...pending, due: event.data.due, ...cause }, at);
        return;
      }
      case 'NotificationSent':
      case 'NotificationFailed':
      case 'NotificationCancelled':
        await this.due.deleteIfNewer(event.data.notificationId, at);
        return;
    }
  }
}
