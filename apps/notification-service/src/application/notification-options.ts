import type { NotificationSettings, RetryPolicy } from '../domain/notification';

export type DeliveryOptions =
  | { kind: 'outbox' }
  /** GOV.UK Notify. Template ids by `<kind>.<channel>.<language>` (e.g. `confirmation.sms.cy`); the `en` one stands in for a missing language. */
  | { kind: 'notify'; apiKey: string; baseUrl?: string; templates: Record<string, string> };

/**
 * Asking GOV.UK Notify for the delivery receipt of a message it took: first `firstCheckMs` after the send, then
 * after as long again as has passed (doubling), at most `maxIntervalMs` apart; after `giveUpAfterMs` it stays `sent`.
 */
export interface ReceiptPolicy {
  firstCheckMs: number;
  maxIntervalMs: number;
  giveUpAfterMs: number;
}

export interface NotificationOptions extends NotificationSettings {
  delivery: DeliveryOptions;
  /** How often due notifications and receipt checks are looked for (default 1 000 ms). */
  dispatchPollMs?: number;
  retry: RetryPolicy;
  receipts: ReceiptPolicy;
}

export type NotificationOptionsInput = Partial<Omit<NotificationOptions, 'retry' | 'receipts'>> & { retry?: Partial<RetryPolicy>; receipts?: Partial<ReceiptPolicy> };

const hour = 3_600_000;

export const defaultNotificationOptions: NotificationOptions = {
  reminderOffsetsMs: [48 * hour, 2 * hour],
  organisationNames: {},
  delivery: { kind: 'outbox' },
  retry: { maxAttempts: 5, baseDelayMs: 30_000, maxDelayMs: hour },
  receipts: { firstCheckMs: 60_000, maxIntervalMs: hour, giveUpAfterMs: 72 * hour },
};

export const notificationOptions = (input: NotificationOptionsInput = {}): NotificationOptions => ({
  ...defaultNotificationOptions,
  ...Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined)),
  retry: { ...defaultNotificationOptions.retry, ...input.retry },
  receipts: { ...defaultNotificationOptions.receipts, ...input.receipts },
});
