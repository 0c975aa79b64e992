import type { RecordedEvent } from '@app/eventstore';
import type { Collection } from '@app/readmodel';
import type { Projection } from '@app/service-kit';
import type { Notification } from '../domain/notification';
import type { NotificationEvent } from '../domain/notification.events';
import type { AppointmentParties, NotificationView } from './notification-views';

const presentation = (notification: Omit<Notification, 'recipient' | 'message' | 'notificationId' | 'appointmentId' | 'kind' | 'due'>) => ({
  format: notification.format,
  ...(notification.formatFallback ? { formatFallback: true } : {}),
  language: notification.language,
  ...(notification.translationRequired ? { requestedLanguage: notification.requestedLanguage } : {}),
  translationRequired: notification.translationRequired,
});

/** The notifications as the API lists them, and the parties of each appointment (who may read them). */
export class NotificationViewProjection implements Projection {
  readonly name = 'notification-views';

  constructor(
    private readonly views: Collection<NotificationView>,
    private readonly appointments: Collection<AppointmentParties>,
  ) {}

  async apply(recorded: RecordedEvent): Promise<void> {
    if (!recorded.streamId.startsWith('notification-')) return;
    const event = { type: recorded.type, data: recorded.data } as NotificationEvent;
    const at = recorded.occurredAt;
    const put = <T extends { id: string }>(collection: Collection<T>, doc: T) => collection.putIfNewer(doc, recorded.globalPosition);
    const change = async (id: string, changes: Partial<NotificationView>) => {
      const view = await this.views.get(id);
      if (view) await put(this.views, { ...view, ...changes });
    };
    switch (event.type) {
      case 'AppointmentRecorded': {
        const { appointmentId: id, nhsNumber, bookedBy, organisation, hostFederations } = event.data.appointment;
        await put(this.appointments, { id, nhsNumber, bookedBy, organisation, hostFederations });
        return;
      }
      case 'NotificationScheduled': {
        const { notificationId, appointmentId, kind, recipient, message, due } = event.data;
        const nhsNumber = (await this.appointments.get(appointmentId))?.nhsNumber ?? '';
        const view = { id: notificationId, appointmentId, nhsNumber, kind, recipient: { role: recipient.role, channel: recipient.channel }, ...presentation(event.data), message, due };
        await put(this.views, { ...view, status: 'scheduled', createdAt: at, updatedAt: at });
        return;
      }
      case 'NotificationUndeliverable': {
        const { notificationId, appointmentId, kind, recipient, due } = event.data.notification;
        const nhsNumber = (await this.appointments.get(appointmentId))?.nhsNumber ?? '';
        const view = { id: notificationId, appointmentId, nhsNumber, kind, recipient, ...presentation(event.data.notification), due };
        await put(this.views, { ...view, status: 'failed', reason: event.data.reason, createdAt: at, updatedAt: at });
        return;
      }
      case 'NotificationRerouted': {
        const { recipient, message } = event.data;
        return change(event.data.notificationId, { recipient: { role: recipient.role, channel: recipient.channel }, message, ...presentation(event.data), updatedAt: at });
      }
      case 'NotificationSent':
        return change(event.data.notificationId, { status: 'sent', sentAt: event.data.sentAt, updatedAt: at });
      case 'NotificationDelivered':
        return change(event.data.notificationId, { status: 'delivered', deliveredAt: event.data.deliveredAt, updatedAt: at });
      case 'NotificationRetryScheduled':
        return change(event.data.notificationId, { attempts: event.data.attempts, reason: event.data.reason, updatedAt: at });
      case 'NotificationFailed':
        return change(event.data.notificationId, { status: 'failed', attempts: event.data.attempts, reason: event.data.reason, updatedAt: at });
      case 'NotificationCancelled':
        return change(event.data.notificationId, { status: 'cancelled', reason: event.data.reason, updatedAt: at });
      case 'NotificationQueued': {
        const { notificationId, appointmentId, channel, recipient, message, organisation, bookedBy } = event.data;
        if (!(await this.appointments.get(appointmentId))) await put(this.appointments, { id: appointmentId, nhsNumber: recipient.nhsNumber, bookedBy, organisation });
        await put(this.views, {
          id: notificationId,
          appointmentId,
          nhsNumber: recipient.nhsNumber,
          kind: 'confirmation',
          recipient: { role: 'patient', channel },
          format: 'standard',
          language: 'en',
          translationRequired: false,
          status: 'sent',
          message: { body: message },
          due: at,
          sentAt: at,
          createdAt: at,
          updatedAt: at,
        });
        return;
      }
    }
  }
}
