import { Body, Controller, Headers, Param, Patch, Post, Res } from '@nestjs/common';
import type { Actor } from '@app/contracts';
import { AllowedRoles, CurrentActor, attendanceRoles, changingRoles } from '@app/access';
import { Meta, RequestMeta, fieldErrorsProblem, problemType } from '@app/service-kit';
import { BookingApplication } from '../application/booking.application';
import { amendableFields, parseAmendment } from './amend-appointment.body';
import { Reply, sendProblem, sendWriteAnswer } from './answers';
import { CancelAppointmentDto, RebookAppointmentDto, RecordAttendanceDto, RescheduleAppointmentDto } from './change-appointment.dtos';

/** Changing an appointment: amend, cancel, reschedule, rebook, attendance. */
@Controller('appointments/:id')
export class AppointmentChangesController {
  constructor(private readonly bookings: BookingApplication) {}

  /** Description, comment, reasonable adjustments, the patient's contact and the supporter; If-Match required (428), stale 412. */
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

  @Post('cancel')
  @AllowedRoles(changingRoles, { code: 'action_not_allowed', action: 'cancel appointments' })
  async cancel(@Param('id') id: string, @Body() body: CancelAppointmentDto, @CurrentActor() actor: Actor, @Meta() meta: RequestMeta, @Res() reply: Reply) {
    sendWriteAnswer(reply, await this.bookings.cancel(id, body.reason, actor, meta), 200);
  }

  /** 200 moved; 404/409 the new slot refused (the appointment keeps its slot); 202 while undecided. */
  @Post('reschedule')
  @AllowedRoles(changingRoles, { code: 'action_not_allowed', action: 'reschedule appointments' })
  async reschedule(@Param('id') id: string, @Body() body: RescheduleAppointmentDto, @CurrentActor() actor: Actor, @Meta() meta: RequestMeta, @Res() reply: Reply) {
    sendWriteAnswer(reply, await this.bookings.reschedule(id, { slotId: body.slotId, holdId: body.holdId }, actor, meta), 200);
  }

  /** 201 with the NEW appointment (the old one cancelled as superseded); 404/409 the old one stands. */
  @Post('rebook')
  @AllowedRoles(changingRoles, { code: 'action_not_allowed', action: 'rebook appointments' })
  async rebook(@Param('id') id: string, @Body() body: RebookAppointmentDto, @CurrentActor() actor: Actor, @Meta() meta: RequestMeta, @Res() reply: Reply) {
    const { slotId, holdId, reason, description, patient, supporter } = body;
    sendWriteAnswer(reply, await this.bookings.rebook(id, { slotId, holdId, reason, description, patientContact: patient?.contact, supporter }, actor, meta), 201);
  }

  @Post('attendance')
  @AllowedRoles(attendanceRoles, { code: 'action_not_allowed', action: 'record attendance' })
  async attendance(@Param('id') id: string, @Body() body: RecordAttendanceDto, @CurrentActor() actor: Actor, @Meta() meta: RequestMeta, @Res() reply: Reply) {
    sendWriteAnswer(reply, await this.bookings.recordAttendance(id, { status: body.status, reason: body.reason }, actor, meta), 200);
  }
}
