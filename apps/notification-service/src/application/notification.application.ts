import type { Actor } from '@app/contracts';
import { Topics } from '@app/contracts';
import { CommandHandler } from '@app/eventstore';
import { DeadlineScheduler, ServiceInfra, ServiceRuntime, withEventTypes } from '@app/service-kit';
import { notificationEventTypes } from '../domain/notification-event-types';
import { notificationDecider } from '../domain/notification.decider';
import { notificationProjections } from '../projections/notification-projections';
import { appointmentParties, dueNotifications, notificationViews, receiptChecks } from '../projections/notification-views';
import { checkReceipt } from './check-receipt';
import { deliveryFor } from './delivery/delivery';
import { dispatchDue } from './dispatch-due';
import { NotificationQuery, listNotifications } from './list-notifications';
import { bookingChangeTypes, noteBookingChange } from './note-booking-change';
import { NotificationOptions, NotificationOptionsInput, notificationOptions } from './notification-options';
import type { NotificationParts } from './notification-parts';
import { notificationIntegrationEvents } from './notification.integration';
import { notificationAppointmentIds } from './notification-timeline';

export { notificationStream } from './notification-parts';

/**
 * Messages to patients (and their carers or proxies) about their appointments: one per booking change and
 * recipient, reminders before the start, delivered through the outbox or GOV.UK Notify when they fall due, and
 * Notify's delivery receipts asked for until it says delivered or failed.
 */
export class NotificationApplication {
  readonly runtime: ServiceRuntime;
  readonly options: NotificationOptions;
  private readonly parts: NotificationParts;

  constructor(adapters: ServiceInfra, options: NotificationOptionsInput = {}) {
    const infra = withEventTypes(adapters, notificationEventTypes);
    this.options = notificationOptions(options);
    const views = notificationViews(infra.documents);
    const appointments = appointmentParties(infra.documents);
    const due = dueNotifications(infra.documents);
    const checks = receiptChecks(infra.documents);
    this.parts = {
      notifications: new CommandHandler(infra.store, notificationDecider),
      views,
      appointments,
      receiptChecks: checks,
      delivery: deliveryFor(this.options.delivery),
      options: this.options,
    };
    const dispatcher = new DeadlineScheduler('due-notifications', due, (notification, now) => dispatchDue(this.parts, notification, now), {
      pollIntervalMs: this.options.dispatchPollMs,
    });
    const receipts = new DeadlineScheduler('receipt-checks', checks, (check, now) => checkReceipt(this.parts, check, now), {
      pollIntervalMs: this.options.dispatchPollMs,
    });
    this.runtime = new ServiceRuntime(infra, {
      projections: notificationProjections(this.options).map((build) => build(infra.documents)),
      appointmentIdsOf: notificationAppointmentIds,
      publish: notificationIntegrationEvents,
      consumers: [{ name: 'bookings', topics: [Topics.bookingEvents], types: bookingChangeTypes, handler: (message) => noteBookingChange(this.parts, message) }],
      schedulers: [dispatcher, receipts],
    });
  }

  list = (query: NotificationQuery, actor: Actor) => listNotifications(this.parts, query, actor);
}
