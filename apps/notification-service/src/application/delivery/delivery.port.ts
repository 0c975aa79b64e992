import type { DeliveryOutcome, ReceiptOutcome } from '../../domain/notification.commands';
import type { Notification } from '../../domain/notification';

/**
 * What the provider says now of a message it took: its final receipt, not yet (`pending`, also when it could not
 * be asked: ask again later), or `none` when it will never say more (the outbox; an international text).
 */
export type ReceiptAnswer = ReceiptOutcome | { outcome: 'pending'; status: string } | { outcome: 'none' };

/**
 * Hands one message to whatever takes it to the recipient. Never throws: every failure is an outcome, refused
 * (for good) or unavailable (try again later). Must be safe to call again for a message it already took: the
 * service calls again after a restart that came between the send and the record of its outcome.
 */
export interface Delivery {
  deliver(notification: Notification): Promise<DeliveryOutcome>;
  /** The receipt of a message sent with `providerId` (the id `deliver` answered). Never throws. */
  receipt(providerId: string): Promise<ReceiptAnswer>;
}
