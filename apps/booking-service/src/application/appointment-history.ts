import type { Actor } from '@app/contracts';
import { RecordedEvent, compareGlobalPositions } from '@app/eventstore';
import { foldAppointment, isBookingEvent } from '../projections/appointment-view';
import { authorize } from './appointment-access';
import type { BookingParts } from './booking-parts';
import { bookingStream, rescheduleStream } from './booking-streams';

export interface HistoryItem {
  type: string;
  /** The appointment's version after this event (a reschedule attempt that failed leaves it as it was). */
  version: number;
  occurredAt: string;
  actor: { sub: string; org: string; orgType: string; role: string };
  reason?: string;
  correlationId: string;
  causationId: string;
  data: unknown;
}

const reasonOf = (event: RecordedEvent): string | undefined => {
  const data = event.data as { reason?: string; rebookReason?: string };
  return data.reason ?? data.rebookReason ?? (event.type === 'RescheduleTimedOut' ? 'timeout' : undefined);
};

/**
 * Who did what, when and why: the booking's stream and its reschedule process, merged in the order they were
 * stored, each event's data as it was stored (not upcast: auditors see what was written). For auditors and
 * everyone who may read the appointment.
 */
export async function appointmentHistory(parts: BookingParts, bookingId: string, actor: Actor): Promise<HistoryItem[]> {
  const booking = await parts.store.raw.readStream(bookingStream(bookingId));
  authorize(foldAppointment(booking.map(parts.store.upcast)), bookingId, actor, 'read');
  const process = await parts.store.raw.readStream(rescheduleStream(bookingId));
  const merged = [...booking, ...process].sort((a, b) => compareGlobalPositions(a.globalPosition, b.globalPosition));
  let version = 0;
  return merged.map((event) => {
    if (isBookingEvent(event)) version++;
    const reason = reasonOf(event);
    return {
      type: event.type,
      version,
      occurredAt: event.occurredAt,
      actor: { sub: event.actor.user, org: event.actor.organisation, orgType: event.actor.organisationType, role: event.actor.role },
      ...(reason !== undefined ? { reason } : {}),
      correlationId: event.correlationId,
      causationId: event.causationId,
      data: event.data,
    };
  });
}
