import { Logger } from '@nestjs/common';
import { bookingPermissions } from '@app/access';
import type { Actor } from '@app/contracts';
import type { BookingStatus } from '../domain/booking.state';
import type { AppointmentView } from '../projections/appointment-view';
import type { BookingParts } from './booking-parts';

export interface ListAppointments {
  patient: string;
  statuses?: BookingStatus[];
  /** Instants: appointments starting at or after `from`, before `to`. */
  from?: Date;
  to?: Date;
  limit: number;
  /** Where the previous page ended. */
  after?: PageKey;
}

/** Sort key: start (appointments without one, still pending or rejected, last), then id. */
export type PageKey = [start: number | null, id: string];

const logger = new Logger('UrgentCareAccess');

const keyOf = (view: AppointmentView): PageKey => [view.start ? Date.parse(view.start) : null, view.id];
const compareKeys = ([aStart, aId]: PageKey, [bStart, bId]: PageKey): number => {
  if (aStart !== bStart) return aStart === null ? 1 : bStart === null ? -1 : aStart - bStart;
  return aId < bId ? -1 : aId > bId ? 1 : 0;
};

/** A patient's appointments the caller may read, sorted by start, a page at a time. */
export async function listAppointments(parts: BookingParts, query: ListAppointments, actor: Actor): Promise<{ items: AppointmentView[]; next?: PageKey }> {
  const found = await parts.appointments.find(query.statuses ? { 'patient.nhsNumber': query.patient, status: { $in: query.statuses } } : { 'patient.nhsNumber': query.patient });
  const within = (view: AppointmentView) => {
    const start = view.start ? Date.parse(view.start) : undefined;
    if (query.from && (start === undefined || start < query.from.getTime())) return false;
    return !(query.to && (start === undefined || start >= query.to.getTime()));
  };
  const readable = found.filter((view) => within(view) && bookingPermissions(actor, view).read);
  const sorted = readable.sort((a, b) => compareKeys(keyOf(a), keyOf(b)));
  const rest = query.after ? sorted.filter((view) => compareKeys(keyOf(view), query.after!) > 0) : sorted;
  const items = rest.slice(0, query.limit);
  const urgentCare = items.filter((view) => bookingPermissions(actor, view).throughUrgentCare).map((view) => view.id);
  if (urgentCare.length > 0) {
    logger.log(JSON.stringify({ access: 'urgent-care', action: 'list', appointmentIds: urgentCare, organisation: actor.organisation, user: actor.user }));
  }
  return { items, next: rest.length > query.limit ? keyOf(items[items.length - 1]) : undefined };
}
