import { Body, Controller, Get, NotFoundException, Param, Post, Query, Res } from '@nestjs/common';
import type { Actor } from '@app/contracts';
import { AllowedRoles, CurrentActor, changingRoles } from '@app/access';
import { ApiBody, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import {
  AccessNotes,
  ApiAnswer,
  ApiIdempotencyKey,
  ApiQueryByRule,
  ApiRefusals,
  InvalidInputException,
  Meta,
  NoteAccess,
  RequestMeta,
  commaListOf,
  decodePageCursor,
  encodePageCursor,
} from '@app/service-kit';
import { BookingApplication } from '../application/booking.application';
import type { PageKey } from '../application/list-appointments';
import type { BookingStatus } from '../domain/booking.state';
import { Reply, present, sendAppointment, sendWriteAnswer } from './answers';
import { BookAppointmentDto } from './book-appointment.dto';
import { isInstant } from '@app/service-kit';
import { ListAppointmentsQuery } from './list-appointments.query';
import { bookExample } from './appointment.examples';
import { appointmentLinks } from './appointment.links';
import { appointmentHistory, appointmentPage, appointmentSchema, pendingOrAccepted, rescheduleAttempt } from './appointment.responses';

const statuses: BookingStatus[] = ['pending', 'booked', 'rejected', 'cancelled', 'arrived', 'attended', 'did-not-attend'];

function decodeCursor(cursor: string): PageKey {
  const key = decodePageCursor(cursor);
  if (Array.isArray(key) && key.length === 2 && (key[0] === null || typeof key[0] === 'number') && typeof key[1] === 'string') return key as PageKey;
  throw new InvalidInputException([{ field: 'cursor', message: 'must be the `next` value of a previous page' }]);
}

function parseStatuses(status: string | undefined): BookingStatus[] | undefined {
  if (status === undefined) return undefined;
  const asked = status.split(',').map((item) => item.trim());
  const unknown = asked.find((item) => !(statuses as string[]).includes(item));
  if (unknown !== undefined) throw new InvalidInputException([{ field: 'status', message: `${unknown} is not one of ${statuses.join(', ')}` }]);
  return asked as BookingStatus[];
}

/** Booking an appointment, and reading appointments: one, as it was, its history, a patient's list. */
@ApiTags('Appointments')
@Controller('appointments')
export class AppointmentsController {
  constructor(private readonly bookings: BookingApplication) {}

  /** 201 booked, 404/409 when the slot cannot be had, 202 while the saga is still deciding (poll the Location). */
  @ApiOperation({ summary: 'Book a slot for a patient (booker, clinician, provider-admin, system)' })
  @ApiBody({ type: BookAppointmentDto, examples: { book: { summary: 'A blood test', value: bookExample } } })
  @ApiIdempotencyKey()
  @ApiAnswer(201, 'Booked', appointmentSchema, { headers: ['ETag', 'Location'], links: appointmentLinks })
  @ApiAnswer(202, 'Still being decided: poll the Location', pendingOrAccepted, { headers: ['ETag', 'Location'], links: appointmentLinks })
  @ApiRefusals(403, 404, 409, 422)
  @Post()
  @AllowedRoles(changingRoles, { code: 'action_not_allowed', action: 'book appointments' })
  async book(@Body() body: BookAppointmentDto, @CurrentActor() actor: Actor, @Meta() meta: RequestMeta, @AccessNotes() note: NoteAccess, @Res() reply: Reply): Promise<void> {
    note({ nhsNumber: body.patient.nhsNumber });
    sendWriteAnswer(reply, await this.bookings.book(body, actor, meta), 201);
  }

  /** A patient's appointments the caller may read, by start, paged: `{items, next?}`. */
  @ApiOperation({ summary: 'A patient’s appointments you may read, by start' })
  @ApiQuery({ name: 'status', required: false, description: 'One status or several separated by commas', schema: commaListOf(statuses.join('|')) as never })
  @ApiAnswer(200, 'A page of appointments', appointmentPage)
  @Get()
  async list(@Query() query: ListAppointmentsQuery, @CurrentActor() actor: Actor) {
    const from = query.from ? new Date(query.from) : undefined;
    const to = query.to ? new Date(query.to) : undefined;
    if (from && to && to.getTime() <= from.getTime()) throw new InvalidInputException([{ field: 'to', message: 'to must be after from' }]);
    const page = await this.bookings.list(
      { patient: query.patient, statuses: parseStatuses(query.status), from, to, limit: query.limit ?? 100, after: query.cursor ? decodeCursor(query.cursor) : undefined },
      actor,
    );
    return { items: page.items.map(present), ...(page.next ? { next: encodePageCursor(page.next) } : {}) };
  }

  /** The appointment (ETag = its version); with `asOf`, as it was at that instant. */
  @ApiOperation({ summary: 'An appointment (ETag: its version); with asOf, as it was then' })
  @ApiQueryByRule('asOf', 'isInstant', 'Show the appointment as it was at this instant')
  @ApiAnswer(200, 'The appointment', appointmentSchema, { headers: ['ETag'], links: appointmentLinks })
  @ApiRefusals(404)
  @Get(':id')
  async get(@Param('id') id: string, @Query('asOf') asOf: string | undefined, @CurrentActor() actor: Actor, @Res() reply: Reply): Promise<void> {
    if (asOf !== undefined && !isInstant(asOf)) {
      throw new InvalidInputException([{ field: 'asOf', message: 'asOf must be an RFC 3339 instant with an offset, e.g. 2030-03-01T09:00:00Z' }]);
    }
    const view = asOf !== undefined ? await this.bookings.getAsOf(id, new Date(asOf), actor) : await this.bookings.get(id, actor);
    sendAppointment(reply, 200, view);
  }

  @ApiOperation({ summary: 'Who did what to the appointment, when and why' })
  @ApiAnswer(200, 'Its events in order', appointmentHistory)
  @ApiRefusals(404)
  @Get(':id/history')
  async history(@Param('id') id: string, @CurrentActor() actor: Actor) {
    return { items: await this.bookings.history(id, actor) };
  }

  /** A reschedule attempt, to poll after a 202. */
  @ApiOperation({ summary: 'A reschedule attempt, to poll after a 202' })
  @ApiAnswer(200, 'The attempt', rescheduleAttempt)
  @ApiRefusals(404)
  @Get(':id/reschedules/:rescheduleId')
  async rescheduleAttempt(@Param('id') id: string, @Param('rescheduleId') rescheduleId: string, @CurrentActor() actor: Actor) {
    const attempt = await this.bookings.rescheduleAttempt(id, rescheduleId, actor);
    if (!attempt) throw new NotFoundException(`no reschedule ${rescheduleId} of appointment ${id}`);
    const { position: _position, ...shown } = attempt;
    return shown;
  }
}
