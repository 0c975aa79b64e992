import { Logger } from '@nestjs/common';
import { bookingPermissions } from '@app/access';
import type { Actor } from '@app/contracts';
import { DomainError } from '@app/eventstore';
import { DeniedReadError } from '@app/service-kit';
import { foldAppointment } from '../projections/appointment-view';
import type { AppointmentView } from '../projections/appointment-view';
import type { BookingParts } from './booking-parts';
import { bookingStream } from './booking-streams';

export type AppointmentAction = 'read' | 'change' | 'rebook' | 'attendance';

const logger = new Logger('UrgentCareAccess');

const refusal: Record<Exclude<AppointmentAction, 'read'>, string> = {
  change: 'may read this appointment but not change it',
  rebook: 'may read this appointment but not rebook it',
  attendance: 'only clinicians and provider admins of the hosting organisation record attendance',
};

/**
 * The appointment if the actor may do `action` on it. One it may not read does not exist for it (404); one it may
 * read but not change is a 403. Access through the urgent-care rule is logged (ids only, never patient data).
 */
export function authorize(view: AppointmentView | undefined, id: string, actor: Actor, action: AppointmentAction): AppointmentView {
  if (!view) throw new DomainError('appointment_not_found', `no appointment ${id}`, 'not-found');
  const permissions = bookingPermissions(actor, view);
  // The same answer as a missing one; the access record says it was denied.
  if (!permissions.read) throw new DeniedReadError('appointment_not_found', `no appointment ${id}`);
  if (!permissions[action]) throw new DomainError('action_not_allowed', `${actor.role} of ${actor.organisation} ${refusal[action as keyof typeof refusal]}`, 'forbidden');
  if (permissions.throughUrgentCare) {
    logger.log(JSON.stringify({ access: 'urgent-care', action, appointmentId: id, organisation: actor.organisation, user: actor.user }));
  }
  return view;
}

/** The appointment as its stream tells it now (not the read model, which may lag): what a change is decided on. */
export async function currentAppointment(parts: BookingParts, bookingId: string): Promise<AppointmentView | undefined> {
  return foldAppointment(await parts.store.readStream(bookingStream(bookingId)));
}
