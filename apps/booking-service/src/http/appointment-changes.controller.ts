import { Body, Controller, Headers, Param, Patch, Post, Res, applyDecorators } from '@nestjs/common';
import type { Actor } from '@app/contracts';
import { AllowedRoles, CurrentActor, attendanceRoles, changingRoles } from '@app/access';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiAnswer, ApiRefusals, Meta, RequestMeta, fieldErrorsProblem, problemType, schemaRef, sendProblem } from '@app/service-kit';
import { BookingApplication } from '../application/booking.application';
import { amendableFields, parseAmendment } from './amend-appointment.body';
import { Reply, sendWriteAnswer } from './answers';
import { CancelAppointmentDto, RebookAppointmentDto, RecordAttendanceDto, RescheduleAppointmentDto } from './change-appointment.dtos';
import { amendExample, attendanceExample, cancelExample, rebookExample, rescheduleExample } from './appointment.examples';
import { appointmentLinks } from './appointment.links';
import { appointmentSchema, pendingOrAccepted } from './appointment.responses';

/** The answers of a change (sendWriteAnswer): the appointment, or 202 while it is decided or not yet readable. */
const ApiWritten = (status: 200 | 201, description: string) =>
  applyDecorators(
    ApiAnswer(status, description, appointmentSchema, { headers: status === 201 ? ['ETag', 'Location'] : ['ETag'], links: appointmentLinks }),
    ApiAnswer(202, 'Still being decided, or not yet readable: poll the Location', pendingOrAccepted, { headers: ['ETag', 'Location'] }),
  );

const example = (value: object) => ({ example: { summary: 'A request that succeeds', value } });

/** Changing an appointment: amend, cancel, reschedule, rebook, attendance. */
@ApiTags('Appointments')
@Controller('appointments/:id')
export class AppointmentChangesController {
  constructor(private readonly bookings: BookingApplication) {}

  /** Description, comment, reasonable adjustments, the patient's contact and the supporter; If-Match required (428), stale 412. */
  @ApiOperation({ summary: 'Amend the description, comment, reasonable adjustments, the patient’s contact or the supporter (null removes)' })
  @ApiBody({ schema: schemaRef('AmendAppointmentDto') as never, examples: example(amendExample) })
  @ApiWritten(200, 'Amended')
  @ApiRefusals(403, 404, 409, 412, 422, 428)
  @Patch()
  @AllowedRoles(changingRoles, { code: 'action_not_allowed', action: 'amend appointments' })
  async amend(
    @Param('id') id: string,
    @Body() body: Record<string, unknown>,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentActor() actor: Actor,
    @Meta() meta: RequestMeta,
    @Res() reply: Reply,
  ): Promise<void> {
    const parsed = parseAmendment(body);
    if ('notAmendable' in parsed) {
      const message = `cannot be changed here: only ${amendableFields.join(', ')} (time and place change through reschedule or rebook)`;
      return sendProblem(reply, {
        type: problemType('field_not_amendable'),
        title: 'Rule broken',
        status: 422,
        code: 'field_not_amendable',
        ...fieldErrorsProblem(parsed.notAmendable.map((field) => ({ field, message }))),
      });
    }
    sendWriteAnswer(reply, await this.bookings.amend(id, parsed.changes, ifMatch, actor, meta), 200);
  }

  @ApiOperation({ summary: 'Cancel the appointment, saying why' })
  @ApiBody({ type: CancelAppointmentDto, examples: example(cancelExample) })
  @ApiWritten(200, 'Cancelled')
  @ApiRefusals(403, 404, 409, 422)
  @Post('cancel')
  @AllowedRoles(changingRoles, { code: 'action_not_allowed', action: 'cancel appointments' })
  async cancel(@Param('id') id: string, @Body() body: CancelAppointmentDto, @CurrentActor() actor: Actor, @Meta() meta: RequestMeta, @Res() reply: Reply) {
    sendWriteAnswer(reply, await this.bookings.cancel(id, body.reason, actor, meta), 200);
  }

  /** 200 moved; 404/409 the new slot refused (the appointment keeps its slot); 202 while undecided. */
  @ApiOperation({ summary: 'Move the appointment to another slot; it keeps its slot when the new one is refused' })
  @ApiBody({ type: RescheduleAppointmentDto, examples: example(rescheduleExample) })
  @ApiWritten(200, 'Moved')
  @ApiRefusals(403, 404, 409, 422)
  @Post('reschedule')
  @AllowedRoles(changingRoles, { code: 'action_not_allowed', action: 'reschedule appointments' })
  async reschedule(@Param('id') id: string, @Body() body: RescheduleAppointmentDto, @CurrentActor() actor: Actor, @Meta() meta: RequestMeta, @Res() reply: Reply) {
    sendWriteAnswer(reply, await this.bookings.reschedule(id, { slotId: body.slotId, holdId: body.holdId }, actor, meta), 200);
  }

  /** 201 with the NEW appointment (the old one cancelled as superseded); 404/409 the old one stands. */
  @ApiOperation({ summary: 'Replace the appointment with a new one in another slot (the old one is cancelled as superseded)' })
  @ApiBody({ type: RebookAppointmentDto, examples: example(rebookExample) })
  @ApiWritten(201, 'The new appointment')
  @ApiRefusals(403, 404, 409, 422)
  @Post('rebook')
  @AllowedRoles(changingRoles, { code: 'action_not_allowed', action: 'rebook appointments' })
  async rebook(@Param('id') id: string, @Body() body: RebookAppointmentDto, @CurrentActor() actor: Actor, @Meta() meta: RequestMeta, @Res() reply: Reply) {
    const { slotId, holdId, reason, description, patient, supporter } = body;
    sendWriteAnswer(reply, await this.bookings.rebook(id, { slotId, holdId, reason, description, patientContact: patient?.contact, supporter }, actor, meta), 201);
  }

  @ApiOperation({ summary: 'Record that the patient arrived, attended or did not attend' })
  @ApiBody({ type: RecordAttendanceDto, examples: example(attendanceExample) })
  @ApiWritten(200, 'Recorded')
  @ApiRefusals(403, 404, 409, 422)
  @Post('attendance')
  @AllowedRoles(attendanceRoles, { code: 'action_not_allowed', action: 'record attendance' })
  async attendance(@Param('id') id: string, @Body() body: RecordAttendanceDto, @CurrentActor() actor: Actor, @Meta() meta: RequestMeta, @Res() reply: Reply) {
    sendWriteAnswer(reply, await this.bookings.recordAttendance(id, { status: body.status, reason: body.reason }, actor, meta), 200);
  }
}
