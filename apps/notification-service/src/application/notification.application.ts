import { Actor, BookingConfirmedV1, BookingEventTypes, Topics } from '@app/contracts';
import { mayAccessBooking } from '@app/access';
import { CommandHandler } from '@app/eventstore';
import { deterministicId } from '@app/eventstore/deterministic-id';
import type { IncomingMessage } from '@app/messaging';
import type { Collection } from '@app/readmodel';
import { ServiceInfra, ServiceRuntime, reactionContext } from '@app/service-kit';
import { confirmationMessage } from '../domain/confirmation-message';
import { NotificationCommand, NotificationEvent, NotificationState, notificationDecider } from '../domain/notification.decider';
import { NotificationView, NotificationViewProjection, notificationViews } from '../projections/notification-view.projection';
import { notificationIntegrationEvents } from './notification.integration';

export const notificationStream = (bookingId: string): string => `notification-${bookingId}`;

/** The channel used until patients' contact preferences arrive: messages wait in the outbox, readable over the API. */
export const defaultChannel = 'outbox';

/** Messages to patients about their bookings: one per change, in their channel. */
export class NotificationApplication {
  readonly runtime: ServiceRuntime;
  private readonly commands: CommandHandler<NotificationCommand, NotificationEvent, NotificationState>;
  private readonly notifications: Collection<NotificationView>;

  constructor(infra: ServiceInfra) {
    this.commands = new CommandHandler(infra.store, notificationDecider);
    this.notifications = notificationViews(infra.documents);
    this.runtime = new ServiceRuntime(infra, {
      projections: [new NotificationViewProjection(this.notifications)],
      publish: notificationIntegrationEvents,
      consumers: [
        {
          name: 'bookings',
          topics: [Topics.bookingEvents],
          types: [BookingEventTypes.confirmed],
          handler: (message) => this.onBookingConfirmed(message),
        },
      ],
    });
  }

  /** Notifications of one appointment the actor may see, oldest first. */
  async forAppointment(appointmentId: string, actor: Actor): Promise<NotificationView[]> {
    const found = await this.notifications.find({ appointmentId }, { sort: { queuedAt: 1 } });
    return found.filter((notification) => mayAccessBooking(actor, notification));
  }

  private async onBookingConfirmed(message: IncomingMessage): Promise<void> {
    const booking = message.event.data as BookingConfirmedV1;
    await this.commands.handle(
      notificationStream(booking.bookingId),
      {
        type: 'QueueNotification',
        notification: {
          notificationId: deterministicId('notification', booking.bookingId, 'confirmation'),
          appointmentId: booking.bookingId,
          kind: 'confirmation',
          channel: defaultChannel,
          recipient: { nhsNumber: booking.patient.nhsNumber },
          message: confirmationMessage(booking),
          organisation: booking.organisation,
          bookedBy: booking.bookedBy,
        },
      },
      reactionContext(message.event, 'queue-confirmation'),
    );
  }
}
