import type { Actor } from '@app/contracts';
import type { RequestMeta } from '@app/service-kit';
import type { PatientContact, Supporter } from '../domain/contact-details';
import type { BookingParts } from './booking-parts';
import { authorize, currentAppointment } from './appointment-access';
import { awaitBookingOutcome, bookingRequest, newBookingId, requestBooking } from './book-appointment';
import { WriteAnswer, awaitAppointment } from './write-answer';

export interface RebookAppointment {
  slotId: string;
  holdId?: string;
  /** Why, after a reassessment: recorded on the new booking's request. */
  reason: string;
  /** Defaults to the replaced appointment's. */
  description?: string;
  /** Each defaults to the replaced appointment's: the patient is the same person, reached the same way. */
  patientContact?: PatientContact;
  supporter?: Supporter;
}

/**
 * Rebook after reassessment (UEC order: book the new, then cancel the old). A NEW appointment for the same patient
 * is requested with `supersedes`; only once it is confirmed does the replaced one get cancelled (reason superseded),
 * in the saga step that confirms it (settle-reservation.ts). If the new one is refused, the old one stands.
 * The new appointment keeps the old one's text, patient contact and supporter unless the request gives new ones.
 */
export async function rebookAppointment(parts: BookingParts, oldId: string, input: RebookAppointment, actor: Actor, meta: RequestMeta): Promise<WriteAnswer> {
  const old = authorize(await currentAppointment(parts, oldId), oldId, actor, 'rebook');
  const bookingId = newBookingId(actor, meta);
  const request = bookingRequest(bookingId, actor, {
    slotId: input.slotId,
    holdId: input.holdId,
    patient: input.patientContact ? { ...old.patient, contact: input.patientContact } : old.patient,
    supporter: input.supporter ?? old.supporter,
    description: input.description ?? old.description,
    comment: old.comment,
    reasonableAdjustments: old.reasonableAdjustments,
    supersedes: oldId,
    rebookReason: input.reason,
  });
  await requestBooking(parts, request, actor, meta, { bookingId: oldId, status: old.status, start: old.start });
  const outcome = await awaitBookingOutcome(parts, bookingId);
  if (outcome.kind === 'appointment' && outcome.view.status === 'booked') {
    // Bounded: the answer is the new appointment either way; the old one shows superseded as soon as the consumer ran.
    await awaitAppointment(parts, oldId, (replaced) => replaced.supersededBy === bookingId);
  }
  return outcome;
}
