import { randomUUID } from 'node:crypto';
import type { Actor } from '@app/contracts';
import { deterministicId } from '@app/eventstore';
import { RequestMeta, requestContext } from '@app/service-kit';
import { canonicalJson } from '@app/eventstore/canonical-json';
import type { RescheduleRequest } from '../domain/reschedule/reschedule.events';
import { RescheduleAttemptView, isSettled } from '../projections/reschedule-attempt.projection';
import { authorize, currentAppointment } from './appointment-access';
import type { BookingParts } from './booking-parts';
import { requesterOf, rescheduleStream } from './booking-streams';
import type { WriteAnswer } from './write-answer';

export interface RescheduleAppointment {
  slotId: string;
  holdId?: string;
}

export const rescheduleLocation = (bookingId: string, rescheduleId: string): string => `/appointments/${bookingId}/reschedules/${rescheduleId}`;

/**
 * Moves a booked appointment to another slot: the process asks for the new place (its own reservation), and only
 * once it is reserved does the appointment move and its old place get released. A refusal leaves it untouched.
 */
export async function rescheduleAppointment(
  parts: BookingParts,
  bookingId: string,
  input: RescheduleAppointment,
  actor: Actor,
  meta: RequestMeta,
): Promise<WriteAnswer> {
  const current = authorize(await currentAppointment(parts, bookingId), bookingId, actor, 'change');
  const rescheduleId = meta.idempotencyKey ? deterministicId('reschedule', actor.organisation, bookingId, meta.idempotencyKey) : randomUUID();
  const request: RescheduleRequest = { bookingId, rescheduleId, slotId: input.slotId, holdId: input.holdId, requester: requesterOf(actor) };
  const context = requestContext(actor, meta, deterministicId('request-reschedule', rescheduleId, canonicalJson(request)));
  await parts.reschedules.handle(
    rescheduleStream(bookingId),
    {
      type: 'RequestReschedule',
      request,
      booking: { status: current.status, start: current.start },
      at: context.now,
      deadline: new Date(context.now.getTime() + parts.options.deadlineMs),
    },
    context,
  );
  return awaitRescheduleOutcome(parts, bookingId, rescheduleId);
}

/** Waits (bounded) for the attempt to settle: the moved appointment, the refusal, or 202 with the attempt to poll. */
async function awaitRescheduleOutcome(parts: BookingParts, bookingId: string, rescheduleId: string): Promise<WriteAnswer> {
  let attempt: RescheduleAttemptView | undefined;
  await parts.projections.waitUntil(async () => {
    attempt = await parts.attempts.get(rescheduleId);
    return attempt !== undefined && isSettled(attempt.status);
  }, parts.options.confirmTimeoutMs);
  const undecided: WriteAnswer = { kind: 'accepted', id: bookingId, location: rescheduleLocation(bookingId, rescheduleId) };
  if (!attempt || !isSettled(attempt.status)) return undecided;
  if (attempt.status !== 'completed') return { kind: 'refused', reason: attempt.reason ?? attempt.status, appointmentId: bookingId, rescheduleId };
  const view = await parts.appointments.get(bookingId).catch(() => undefined);
  return view ? { kind: 'appointment', view } : undecided;
}

/** An attempt, for those who may read its appointment. */
export async function getRescheduleAttempt(parts: BookingParts, bookingId: string, rescheduleId: string, actor: Actor): Promise<RescheduleAttemptView | undefined> {
  authorize(await parts.appointments.get(bookingId), bookingId, actor, 'read');
  const attempt = await parts.attempts.get(rescheduleId);
  return attempt?.bookingId === bookingId ? attempt : undefined;
}
