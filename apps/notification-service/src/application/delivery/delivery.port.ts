import type { DeliveryOutcome } from '../../domain/notification.commands';
import type { Notification } from '../../domain/notification';

/**
 * Hands one message to whatever takes it to the recipient. Never throws: every failure is an outcome, refused
 * (for good) or unavailable (try again later). Must be safe to call again for a message it already took: the
 * service calls again after a restart that came between the send and the record of its outcome.
 */
export interface Delivery {
  deliver(notification: Notification): Promise<DeliveryOutcome>;
}
