import type { Actor } from '@app/contracts';
import { DomainError } from '@app/eventstore';
import { AppointmentView, foldAppointment } from '../projections/appointment-view';
import { authorize } from './appointment-access';
import type { BookingParts } from './booking-parts';
import { bookingStream } from './booking-streams';

/** The appointment from the read model, for those who may read it. */
export async function getAppointment(parts: BookingParts, bookingId: string, actor: Actor): Promise<AppointmentView> {
  return authorize(await parts.appointments.get(bookingId), bookingId, actor, 'read');
}

/**
 * The appointment as it was at `asOf`: its stream's events up to that instant, folded with the projection's own
 * function. Access is decided on the appointment as it is now.
 */
export async function getAppointmentAsOf(parts: BookingParts, bookingId: string, asOf: Date, actor: Actor): Promise<AppointmentView> {
  const events = await parts.store.readStream(bookingStream(bookingId));
  authorize(foldAppointment(events), bookingId, actor, 'read');
  const until = events.findIndex((event) => Date.parse(event.occurredAt) > asOf.getTime());
  const then = foldAppointment(until < 0 ? events : events.slice(0, until));
  if (!then) throw new DomainError('appointment_not_found', `appointment ${bookingId} did not exist at ${asOf.toISOString()}`, 'not-found');
  return then;
}
