import type { DeliveryOutcome } from '../../domain/notification.commands';
import type { Delivery } from './delivery.port';

/** The default channel: the message stays in the service, readable through `GET /notifications`; sending is recording it sent. */
export class OutboxDelivery implements Delivery {
  async deliver(): Promise<DeliveryOutcome> {
    return { outcome: 'sent' };
  }
}
