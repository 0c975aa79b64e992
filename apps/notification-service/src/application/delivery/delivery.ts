import type { DeliveryOptions } from '../notification-options';
import type { Delivery } from './delivery.port';
import { NotifyDelivery } from './notify-delivery';
import { OutboxDelivery } from './outbox-delivery';

export type { Delivery, ReceiptAnswer } from './delivery.port';

export const deliveryFor = (options: DeliveryOptions): Delivery =>
  options.kind === 'notify' ? new NotifyDelivery(options.apiKey, options.templates, options.baseUrl) : new OutboxDelivery();
