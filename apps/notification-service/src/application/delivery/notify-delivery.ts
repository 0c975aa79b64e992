import { NotifyClient } from 'notifications-node-client';
import type { DeliveryOutcome } from '../../domain/notification.commands';
import type { Notification } from '../../domain/notification';
import type { Delivery, ReceiptAnswer } from './delivery.port';

export const notifyProductionUrl = 'https://api.notifications.service.gov.uk';

/** The Notify template key of a message, `<kind>.<channel>.<language>`. */
export const templateKey = (notification: Notification, language: string = notification.language): string =>
  `${notification.kind}.${notification.recipient.channel}.${language}`;

interface NotifyError {
  response?: { status: number; data?: { errors?: { error?: string; message?: string }[] } };
  code?: string;
}

/**
 * A refusal names Notify's error (which never repeats the contact detail); 429 and 5xx, like no answer at
 * all, are worth another try.
 */
function outcomeOf(error: unknown): DeliveryOutcome {
  const { response, code } = error as NotifyError;
  if (!response) return { outcome: 'unavailable', reason: `notify_unreachable:${code ?? 'error'}` };
  const first = response.data?.errors?.[0];
  const detail = first ? `:${first.error ?? ''}:${(first.message ?? '').slice(0, 200)}` : '';
  if (response.status === 429 || response.status >= 500) return { outcome: 'unavailable', reason: `notify_${response.status}${detail}` };
  return { outcome: 'refused', reason: `notify_${response.status}${detail}` };
}

/** Notify's final statuses (letters: `received` is printed and posted). */
const deliveredStatuses = new Set(['delivered', 'received']);
const failedStatuses = new Set(['permanent-failure', 'temporary-failure', 'technical-failure', 'validation-failed', 'cancelled', 'virus-scan-failed']);

/**
 * A Notify status as a receipt. `sent` is a text to an international number, of which Notify learns no more;
 * anything else (`created`, `sending`, `pending`, letters `accepted`, `pending-virus-check`) is not final yet.
 */
export function receiptOf(status: string): ReceiptAnswer {
  if (deliveredStatuses.has(status)) return { outcome: 'delivered' };
  if (failedStatuses.has(status)) return { outcome: 'failed', reason: `notify_${status}` };
  if (status === 'sent') return { outcome: 'none' };
  return { outcome: 'pending', status };
}

/** A letter's address as Notify wants it: address_line_1…7, the postcode last. */
function letterAddress(notification: Notification): Record<string, string> {
  const { lines = [], postcode = '' } = notification.recipient.to.address ?? {};
  return Object.fromEntries([...lines, postcode].map((line, index) => [`address_line_${index + 1}`, line]));
}

/**
 * GOV.UK Notify through notifications-node-client. Our notification id is the Notify `reference`: before
 * sending, Notify is asked for it, so a send that Notify took but whose outcome we never recorded (a restart in
 * between) is recognised, not sent again. Templates take `subject` and `body` as personalisation.
 */
export class NotifyDelivery implements Delivery {
  private readonly client: NotifyClient;

  constructor(
    apiKey: string,
    private readonly templates: Record<string, string>,
    baseUrl: string = notifyProductionUrl,
  ) {
    this.client = new NotifyClient(baseUrl, apiKey);
  }

  async deliver(notification: Notification): Promise<DeliveryOutcome> {
    const key = templateKey(notification);
    const templateId = this.templates[key] ?? this.templates[templateKey(notification, 'en')];
    if (!templateId) return { outcome: 'refused', reason: `no_template:${key}` };
    try {
      const earlier = await this.client.getNotifications(undefined, undefined, notification.notificationId);
      const taken = (earlier.data as { notifications?: { id: string }[] }).notifications?.[0];
      if (taken) return { outcome: 'sent', providerId: taken.id };
      const answer = await this.send(templateId, notification);
      return { outcome: 'sent', providerId: (answer.data as { id?: string }).id };
    } catch (error) {
      return outcomeOf(error);
    }
  }

  /** GET /v2/notifications/{id}. Notify not answering (or not knowing the id yet) is asked again later. */
  async receipt(providerId: string): Promise<ReceiptAnswer> {
    try {
      const answer = await this.client.getNotificationById(providerId);
      return receiptOf(answer.data.status);
    } catch (error) {
      const { response, code } = error as NotifyError;
      return { outcome: 'pending', status: response ? `notify_${response.status}` : `notify_unreachable:${code ?? 'error'}` };
    }
  }

  private send(templateId: string, notification: Notification) {
    const { recipient, message, notificationId: reference } = notification;
    const personalisation = { subject: message.subject ?? '', body: message.body };
    switch (recipient.channel) {
      case 'sms':
        return this.client.sendSms(templateId, recipient.to.phone!, { personalisation, reference });
      case 'email':
        return this.client.sendEmail(templateId, recipient.to.email!, { personalisation, reference });
      case 'letter':
        return this.client.sendLetter(templateId, { personalisation: { ...personalisation, ...letterAddress(notification) }, reference });
    }
  }
}
