import { systemActor } from '@app/contracts';
import { deterministicId } from '@app/eventstore';
import type { ReceiptCheck } from '../projections/notification-views';
import { NotificationParts, notificationStream } from './notification-parts';

/** Until the next check: as long again as has passed since the send (so doubling), within the policy's bounds. */
export const nextCheckMs = (sinceSentMs: number, firstCheckMs: number, maxIntervalMs: number): number =>
  Math.min(Math.max(sinceSentMs, firstCheckMs), maxIntervalMs);

/**
 * Asks the provider for the receipt of a sent message and records a final one (delivered, or failed with the
 * provider's status). Not final yet: asked again later, the next time kept in the read model only. No later than
 * `giveUpAfterMs` after the send it stops asking and the message stays `sent` (a check found past that bound,
 * after downtime, is dropped unasked). May fire again for a message already answered: the stream says so.
 */
export async function checkReceipt(parts: NotificationParts, check: ReceiptCheck, now: Date): Promise<void> {
  const { firstCheckMs, maxIntervalMs, giveUpAfterMs } = parts.options.receipts;
  const sentAt = Date.parse(check.sentAt);
  const stream = notificationStream(check.appointmentId);
  const { state } = await parts.notifications.load(stream);
  if (state.notifications[check.id]?.status !== 'sent' || now.getTime() - sentAt > giveUpAfterMs) return parts.receiptChecks.delete(check.id);
  const answer = await parts.delivery.receipt(check.providerId);
  const answeredAt = new Date();
  if (answer.outcome === 'none') return parts.receiptChecks.delete(check.id);
  if (answer.outcome === 'pending') {
    const next = answeredAt.getTime() + nextCheckMs(answeredAt.getTime() - sentAt, firstCheckMs, maxIntervalMs);
    if (next - sentAt > giveUpAfterMs) return parts.receiptChecks.delete(check.id);
    return parts.receiptChecks.put({ ...check, due: new Date(next).toISOString() });
  }
  await parts.notifications.handle(
    stream,
    { type: 'RecordReceipt', notificationId: check.id, receipt: answer, now: answeredAt },
    {
      commandId: deterministicId('receipt', check.id),
      correlationId: check.correlationId,
      causationId: check.causationId,
      actor: systemActor('notification-service'),
      now: answeredAt,
    },
  );
}
