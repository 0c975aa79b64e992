import { systemActor } from '@app/contracts';
import { CommandContext, deterministicId } from '@app/eventstore';
import type { DueNotification } from '../projections/notification-views';
import { NotificationParts, notificationStream } from './notification-parts';

/**
 * Sends a notification that fell due and records what came of it. May fire more than once for the same due
 * notification (the read model lags the record, or a restart came between the send and the record): the stream
 * says whether it is still waiting, the delivery recognises a message it already took, and the outcome's command
 * id derives from the notification and attempt. A reminder whose appointment has started is dropped instead.
 */
export async function dispatchDue(parts: NotificationParts, due: DueNotification, now: Date): Promise<void> {
  const stream = notificationStream(due.appointmentId);
  const { state } = await parts.notifications.load(stream);
  const record = state.notifications[due.id];
  if (!record?.notification || record.status !== 'scheduled' || Date.parse(record.due) > now.getTime()) return;
  const context = (step: string, at: Date): CommandContext => ({
    commandId: deterministicId(step, record.notificationId, String(record.attempts)),
    correlationId: due.correlationId,
    causationId: due.causationId,
    actor: systemActor('notification-service'),
    now: at,
  });
  if (record.kind === 'reminder' && state.appointment && Date.parse(state.appointment.start) <= now.getTime()) {
    await parts.notifications.handle(stream, { type: 'DropStartedReminder', notificationId: record.notificationId, now }, context('drop-started-reminder', now));
    return;
  }
  const result = await parts.delivery.deliver(record.notification);
  // The outcome happened when the provider answered: the retry's backoff counts from then.
  const answeredAt = new Date();
  await parts.notifications.handle(
    stream,
    { type: 'RecordDelivery', notificationId: record.notificationId, attempt: record.attempts, result, now: answeredAt, retry: parts.options.retry },
    context('delivery', answeredAt),
  );
}
