import type { NotificationSettings, RetryPolicy } from '../domain/notification';

export type DeliveryOptions =
  | { kind: 'outbox' }
  /** GOV.UK Notify. Template ids by `<kind>.<channel>.<language>` (e.g. `confirmation.sms.cy`); the `en` one stands in for a missing language. */
  | { kind: 'notify'; apiKey: string; baseUrl?: string; templates: Record<string, string> };

export interface NotificationOptions extends NotificationSettings {
  delivery: DeliveryOptions;
  /** How often due notifications are looked for (default 1 000 ms). */
  dispatchPollMs?: number;
  retry: RetryPolicy;
}

export type NotificationOptionsInput = Partial<Omit<NotificationOptions, 'retry'>> & { retry?: Partial<RetryPolicy> };

const hour = 3_600_000;

export const defaultNotificationOptions: NotificationOptions = {
  reminderOffsetsMs: [48 * hour, 2 * hour],
  organisationNames: {},
  delivery: { kind: 'outbox' },
  retry: { maxAttempts: 5, baseDelayMs: 30_000, maxDelayMs: hour },
};

export const notificationOptions = (input: NotificationOptionsInput = {}): NotificationOptions => ({
  ...defaultNotificationOptions,
  ...Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined)),
  retry: { ...defaultNotificationOptions.retry, ...input.retry },
});
