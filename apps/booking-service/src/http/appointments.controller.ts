import { Body, Controller, Get, Inject, NotFoundException, Param, Post, Res } from '@nestjs/common';
import type { Actor } from '@app/contracts';
import { CurrentActor, requireChangeRole } from '@app/access';
import { Meta, RequestMeta, problemContentType, problemType } from '@app/service-kit';
import { BookingApplication } from '../application/booking.application';
import type { AppointmentView } from '../projections/appointment-view.projection';
import { BookAppointmentDto } from './book-appointment.dto';

export const BOOKING_CONFIRM_TIMEOUT_MS = Symbol('BOOKING_CONFIRM_TIMEOUT_MS');

interface Reply {
  status(code: number): Reply;
  header(name: string, value: string): Reply;
  send(body: unknown): void;
}

const present = ({ bookedBy: _bookedBy, createdAt: _createdAt, ...appointment }: AppointmentView) => appointment;
const location = (id: string) => `/appointments/${id}`;
const etag = (view: AppointmentView) => `"${view.version}"`;

@Controller('appointments')
export class AppointmentsController {
  constructor(
    private readonly bookings: BookingApplication,
    @Inject(BOOKING_CONFIRM_TIMEOUT_MS) private readonly confirmTimeoutMs: number,
  ) {}

  /** 201 booked, 409 when the slot cannot be had, 202 while the saga is still deciding (poll the Location). */
  @Post()
  async book(@Body() body: BookAppointmentDto, @CurrentActor() actor: Actor, @Meta() meta: RequestMeta, @Res() reply: Reply): Promise<void> {
    requireChangeRole(actor);
    const view = await this.bookings.book(body, actor, meta, this.confirmTimeoutMs);
    if (view.status === 'rejected') {
      reply
        .status(409)
        .header('content-type', problemContentType)
        .send({
          type: problemType('slot-unavailable'),
          title: 'Slot unavailable',
          status: 409,
          detail: `slot ${view.slotId} cannot be booked: ${view.rejectionReason}`,
          code: view.rejectionReason,
          appointmentId: view.id,
        });
      return;
    }
    reply
      .status(view.status === 'booked' ? 201 : 202)
      .header('location', location(view.id))
      .header('etag', etag(view))
      .send(present(view));
  }

  @Get(':id')
  async get(@Param('id') id: string, @CurrentActor() actor: Actor, @Res() reply: Reply): Promise<void> {
    const view = await this.bookings.get(id, actor);
    if (!view) throw new NotFoundException(`no appointment ${id}`);
    reply.status(200).header('etag', etag(view)).send(present(view));
  }
}
