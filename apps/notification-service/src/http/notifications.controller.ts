import { Controller, Get, Query } from '@nestjs/common';
import type { Actor } from '@app/contracts';
import { CurrentActor } from '@app/access';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiAnswer, InvalidInputException } from '@app/service-kit';
import { NotificationApplication } from '../application/notification.application';
import { NotificationsQuery } from './notifications.query';
import { notificationsSchema } from './notification.responses';

@ApiTags('Notifications')
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationApplication) {}

  /** `?appointment=<id>` or `?patient=<NHS number>`: `{items}` by due time, only those the caller may read. */
  @ApiOperation({ summary: 'The notifications of one appointment or one patient that you may read, by due time (give exactly one)' })
  @ApiAnswer(200, 'The notifications', notificationsSchema)
  @Get()
  async list(@Query() query: NotificationsQuery, @CurrentActor() actor: Actor) {
    const { appointment, patient } = query;
    if ((appointment === undefined) === (patient === undefined)) {
      const message = 'give exactly one of appointment (an appointment id) or patient (an NHS number)';
      throw new InvalidInputException([
        { field: 'appointment', message },
        { field: 'patient', message },
      ]);
    }
    const items = await this.notifications.list(appointment !== undefined ? { appointment } : { patient: patient! }, actor);
    return { items };
  }
}
