import type { DeliveryOutcome } from '../../domain/notification.commands';
import type { Delivery, ReceiptAnswer } from './delivery.port';

/**
 * The default channel: the message stays in the service, readable through `GET /notifications`; sending is
 * recording it sent. It gives no provider id, so nothing asks for a receipt: an outbox message stays `sent`.
 */
export class OutboxDelivery implements Delivery {
  async deliver(): Promise<DeliveryOutcome> {
    return { outcome: 'sent' };
  }

  async receipt(): Promise<ReceiptAnswer> {
    return { outcome: 'none' };
  }
}
