import { Controller, Get, Query } from '@nestjs/common';
import type { Actor } from '@app/contracts';
import { CurrentActor } from '@app/access';
import { NotificationApplication } from '../application/notification.application';
import { NotificationsQuery } from './notifications.query';

@Controller('notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationApplication) {}

  @Get()
  async list(@Query() query: NotificationsQuery, @CurrentActor() actor: Actor) {
    const found = await this.notifications.forAppointment(query.appointment, actor);
    return {
      items: found.map(({ id, appointmentId, kind, channel, status, message, queuedAt }) => ({
        id,
        appointmentId,
        kind,
        channel,
        status,
        message,
        queuedAt,
      })),
    };
  }
}
