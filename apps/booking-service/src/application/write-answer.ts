import type { CommandResult } from '@app/eventstore';
import type { AppointmentView } from '../projections/appointment-view';
import type { BookingParts } from './booking-parts';

/** What a write tells the client: the appointment (200/201), accepted but not yet readable (202), or a refused place. */
export type WriteAnswer =
  | { kind: 'appointment'; view: AppointmentView }
  | { kind: 'accepted'; id: string; location: string; version?: number }
  | { kind: 'refused'; reason: string; appointmentId: string; rescheduleId?: string };

export const appointmentLocation = (id: string): string => `/appointments/${id}`;

/**
 * After a successful write: the appointment once the read model shows it. A read model lagging past the wait
 * is no failure of the write: the answer is then 202 with the Location to read it from.
 */
export async function answerAfterWrite(parts: BookingParts, bookingId: string, result: CommandResult<unknown>): Promise<WriteAnswer> {
  const accepted: WriteAnswer = { kind: 'accepted', id: bookingId, location: appointmentLocation(bookingId), version: result.revision + 1 };
  const position = result.events.at(-1)?.globalPosition ?? result.position;
  try {
    if (position) await parts.projections.waitFor(position, parts.options.confirmTimeoutMs);
    const view = await parts.appointments.get(bookingId);
    return view && view.version >= result.revision + 1 ? { kind: 'appointment', view } : accepted;
  } catch {
    return accepted;
  }
}

/** Waits (bounded) until the appointment's view satisfies `ready`; the latest view either way. */
export async function awaitAppointment(
  parts: BookingParts,
  bookingId: string,
  ready: (view: AppointmentView) => boolean,
): Promise<AppointmentView | undefined> {
  let view: AppointmentView | undefined;
  await parts.projections.waitUntil(async () => {
    view = await parts.appointments.get(bookingId);
    return view !== undefined && ready(view);
  }, parts.options.confirmTimeoutMs);
  return view ?? (await parts.appointments.get(bookingId).catch(() => undefined));
}
