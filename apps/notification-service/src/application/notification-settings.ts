import type { CommonConfig } from '@app/service-kit';
import type { NotificationOptionsInput } from './notification-options';

/** The notification-service's part of the environment (REMINDER_OFFSETS, ORGANISATION_NAMES, NOTIFY_*), in both modes. */
export function notificationOptionsFromConfig(config: CommonConfig): NotificationOptionsInput {
  return {
    reminderOffsetsMs: config.REMINDER_OFFSETS,
    organisationNames: config.ORGANISATION_NAMES,
    delivery: config.NOTIFY_API_KEY
      ? { kind: 'notify', apiKey: config.NOTIFY_API_KEY, baseUrl: config.NOTIFY_BASE_URL, templates: config.NOTIFY_TEMPLATES }
      : { kind: 'outbox' },
  };
}
