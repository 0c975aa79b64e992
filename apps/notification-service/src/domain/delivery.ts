import type { DropStartedReminder, RecordDelivery, RecordReceipt } from './notification.commands';
import type { NotificationEvent } from './notification.events';
import type { RetryPolicy } from './notification';
import type { NotificationState } from './notification.state';

/** Delay before retry `attempts` (1-based): doubling from the base, capped. */
export const backoffMs = (policy: RetryPolicy, attempts: number): number => Math.min(policy.baseDelayMs * 2 ** (attempts - 1), policy.maxDelayMs);

/**
 * The outcome of one delivery attempt. Only the attempt the record is waiting for counts (a late or repeated
 * outcome changes nothing). Refused: failed at once. Unavailable: retried after a backoff until the attempts
 * run out, then failed.
 */
export function recordDelivery(command: RecordDelivery, state: NotificationState): NotificationEvent[] {
  const record = state.notifications[command.notificationId];
  if (!record?.notification || record.status !== 'scheduled' || record.attempts !== command.attempt) return [];
  const ref = { notificationId: record.notificationId, kind: record.kind, recipient: record.role };
  const at = command.now.toISOString();
  const { result } = command;
  if (result.outcome === 'sent') {
    return [{ type: 'NotificationSent', data: { ...ref, channel: record.notification.recipient.channel, sentAt: at, ...(result.providerId ? { providerId: result.providerId } : {}) } }];
  }
  const attempts = command.attempt + 1;
  if (result.outcome === 'refused') return [{ type: 'NotificationFailed', data: { ...ref, reason: result.reason, attempts, at } }];
  if (attempts >= command.retry.maxAttempts) {
    return [{ type: 'NotificationFailed', data: { ...ref, reason: `gave up after ${attempts} attempts: ${result.reason}`, attempts, at } }];
  }
  const due = new Date(command.now.getTime() + backoffMs(command.retry, attempts)).toISOString();
  return [{ type: 'NotificationRetryScheduled', data: { ...ref, attempts, reason: result.reason, due } }];
}

/**
 * A delivery receipt. Only a message sent through a provider that gave it an id awaits one (the outbox gives
 * none), and only the first receipt counts: delivered, or failed with the provider's reason.
 */
export function recordReceipt(command: RecordReceipt, state: NotificationState): NotificationEvent[] {
  const record = state.notifications[command.notificationId];
  if (!record?.notification || record.status !== 'sent' || !record.providerId) return [];
  const ref = { notificationId: record.notificationId, kind: record.kind, recipient: record.role };
  const at = command.now.toISOString();
  const { receipt } = command;
  if (receipt.outcome === 'delivered') return [{ type: 'NotificationDelivered', data: { ...ref, channel: record.notification.recipient.channel, deliveredAt: at } }];
  return [{ type: 'NotificationFailed', data: { ...ref, reason: receipt.reason, attempts: record.attempts + 1, at } }];
}

/** A reminder found due once its appointment has started (the service was down at its time) is cancelled, not sent late. */
export function dropStartedReminder(command: DropStartedReminder, state: NotificationState): NotificationEvent[] {
  const record = state.notifications[command.notificationId];
  if (!record || record.kind !== 'reminder' || record.status !== 'scheduled' || !state.appointment) return [];
  if (Date.parse(state.appointment.start) > command.now.getTime()) return [];
  return [{ type: 'NotificationCancelled', data: { notificationId: record.notificationId, kind: record.kind, recipient: record.role, reason: 'appointment_started', at: command.now.toISOString() } }];
}
