import { etagOfVersion, problemType, sendProblem } from '@app/service-kit';
import type { WriteAnswer } from '../application/write-answer';
import type { AppointmentView } from '../projections/appointment-view';

export interface Reply {
  status(code: number): Reply;
  header(name: string, value: string): Reply;
  send(body: unknown): void;
}

/** What a client sees of an appointment: the booker without its federations, the host without its. */
export const present = ({ hostFederations: _h, bookedBy, ...view }: AppointmentView) => ({
  ...view,
  bookedBy: { organisation: bookedBy.organisation, organisationType: bookedBy.organisationType },
});

export function sendAppointment(reply: Reply, status: number, view: AppointmentView): void {
  reply.status(status).header('etag', etagOfVersion(view.version));
  if (status === 201 || status === 202) reply.header('location', `/appointments/${view.id}`);
  reply.send(present(view));
}

/**
 * Answers a write: the appointment with `done` (200, or 201 for a new one), 202 while it is pending or the read model
 * lags (with the Location to poll), or the slot-service's refusal: 404 for a slot the caller cannot book or see,
 * 409 for one that is taken or past (and `timeout` when no answer came before the deadline).
 */
export function sendWriteAnswer(reply: Reply, answer: WriteAnswer, done: 200 | 201): void {
  switch (answer.kind) {
    case 'appointment':
      return sendAppointment(reply, answer.view.status === 'pending' ? 202 : done, answer.view);
    case 'accepted':
      reply.status(202).header('location', answer.location);
      if (answer.version !== undefined) reply.header('etag', etagOfVersion(answer.version));
      return reply.send({ id: answer.id, status: 'accepted', location: answer.location });
    case 'refused': {
      const status = answer.reason === 'slot_not_found' ? 404 : 409;
      const what = answer.rescheduleId ? `the appointment could not move (it keeps its slot)` : `the slot cannot be booked`;
      return sendProblem(reply, {
        type: problemType(answer.reason),
        title: status === 404 ? 'Not found' : 'Conflict',
        status,
        detail: `${what}: ${answer.reason}`,
        code: answer.reason,
        appointmentId: answer.appointmentId,
        ...(answer.rescheduleId ? { rescheduleId: answer.rescheduleId } : {}),
      });
    }
  }
}
