import type { Actor } from '@app/contracts';
import { mayAccessBooking } from '@app/access';
import type { NotificationView } from '../projections/notification-views';
import type { NotificationParts } from './notification-parts';

export type NotificationQuery = { appointment: string; patient?: undefined } | { patient: string; appointment?: undefined };

export type NotificationItem = Omit<NotificationView, 'nhsNumber'>;

const byDue = (a: NotificationView, b: NotificationView) =>
  a.due.localeCompare(b.due) || a.createdAt.localeCompare(b.createdAt) || a.recipient.role.localeCompare(b.recipient.role) || a.id.localeCompare(b.id);

/**
 * Notifications of one appointment, or of one patient's appointments, that the actor may read (the parties of
 * the appointment and auditors, as for the appointment itself), by due time. Others see none.
 */
export async function listNotifications(parts: NotificationParts, query: NotificationQuery, actor: Actor): Promise<NotificationItem[]> {
  const found = query.appointment !== undefined ? await parts.views.find({ appointmentId: query.appointment }) : await parts.views.find({ nhsNumber: query.patient });
  const readable = new Map<string, boolean>();
  for (const appointmentId of new Set(found.map((view) => view.appointmentId))) {
    const parties = await parts.appointments.get(appointmentId);
    readable.set(appointmentId, parties !== undefined && mayAccessBooking(actor, parties));
  }
  return found
    .filter((view) => readable.get(view.appointmentId))
    .sort(byDue)
    .map(({ nhsNumber: _nhsNumber, ...item }) => item);
}
