import type { RecordedEvent } from '@app/eventstore';
import type { Collection } from '@app/readmodel';
import type { Projection } from '@app/service-kit';
import type { NotificationEvent } from '../domain/notification.events';
import type { ReceiptCheck } from './notification-views';

/**
 * The messages whose delivery receipt is still to be asked for, kept from the events so the asking survives a
 * restart: put when a message is sent with a provider id (first check `firstCheckMs` after the send), gone once
 * delivered or failed. The check itself moves `due` on while the provider has no answer, and drops the entry
 * when it gives up (no event: the message stays `sent`). A DeadlineScheduler fires them at `due`.
 */
export class ReceiptChecksProjection implements Projection {
  readonly name = 'receipt-checks';

  constructor(
    private readonly checks: Collection<ReceiptCheck>,
    private readonly firstCheckMs: number,
  ) {}

  async apply(recorded: RecordedEvent): Promise<void> {
    if (!recorded.streamId.startsWith('notification-')) return;
    const event = { type: recorded.type, data: recorded.data } as NotificationEvent;
    switch (event.type) {
      case 'NotificationSent': {
        const { notificationId: id, providerId, sentAt } = event.data;
        if (!providerId) return;
        const due = new Date(Date.parse(sentAt) + this.firstCheckMs).toISOString();
        const appointmentId = recorded.streamId.slice('notification-'.length);
        await this.checks.putIfNewer({ id, due, appointmentId, providerId, sentAt, correlationId: recorded.correlationId, causationId: recorded.id }, recorded.globalPosition);
        return;
      }
      case 'NotificationDelivered':
      case 'NotificationFailed':
        await this.checks.deleteIfNewer(event.data.notificationId, recorded.globalPosition);
        return;
    }
  }
}
