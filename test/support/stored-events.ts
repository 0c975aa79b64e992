import { join } from 'node:path';
import { Database } from '@app/eventstore/sqlite/driver';

export interface StoredEvent {
  streamId: string;
  type: string;
  /** The schema version the event was written in. */
  version: number;
  data: any;
}

/** What an auditor would read: every event of a service's SQLite store in DATA_DIR, in global order. */
export function storedEvents(dataDir: string, service: string): StoredEvent[] {
  const db = new Database(join(dataDir, service, 'events.sqlite'), { readonly: true });
  try {
    const rows = db.prepare('SELECT stream_id, type, version, data FROM events ORDER BY global_position').all() as { stream_id: string; type: string; version: number; data: string }[];
    return rows.map((row) => ({ streamId: row.stream_id, type: row.type, version: row.version, data: JSON.parse(row.data) }));
  } finally {
    db.close();
  }
}

export const countBy = <T>(items: T[], key: (item: T) => string) =>
  items.reduce((counts, item) => counts.set(key(item), (counts.get(key(item)) ?? 0) + 1), new Map<string, number>());

/** The saga's outcome as the stores record it: every requested booking with how many outcomes it got. */
export function bookingOutcomes(dataDir: string) {
  const events = storedEvents(dataDir, 'booking-service');
  const requested = events.filter((e) => e.type === 'BookingRequested').map((e) => e.data.bookingId as string);
  const outcomes = countBy(events.filter((e) => e.type === 'BookingConfirmed' || e.type === 'BookingRejected'), (e) => e.data.bookingId);
  const confirmed = events.filter((e) => e.type === 'BookingConfirmed').map((e) => e.data.bookingId as string);
  return { events, requested, outcomes, confirmed };
}

/**
 * The patient's confirmations the notification-service recorded, by appointment: scheduled to send, or failed at
 * once for want of contact details (`NotificationQueued` from the previous release counts too).
 */
export function patientConfirmations(dataDir: string): Map<string, number> {
  const confirmations = storedEvents(dataDir, 'notification-service').flatMap((e) => {
    const notification = e.type === 'NotificationScheduled' ? e.data : e.type === 'NotificationUndeliverable' ? e.data.notification : undefined;
    if (notification) return notification.kind === 'confirmation' && notification.recipient.role === 'patient' ? [notification.appointmentId as string] : [];
    return e.type === 'NotificationQueued' ? [e.data.appointmentId as string] : [];
  });
  return countBy(confirmations, (appointmentId) => appointmentId);
}

/** Downstream effects of confirmed bookings: registry entries and the patient's confirmations, counted by appointment. */
export function downstreamEffects(dataDir: string) {
  return {
    entries: countBy(storedEvents(dataDir, 'registry-service').filter((e) => e.type === 'RegistryEntryCreated'), (e) => e.data.entry.appointmentId),
    notifications: patientConfirmations(dataDir),
  };
}

/** Places held on slots: each SlotReserved not followed by a SlotReleased of the same booking on that slot's stream. */
export function liveReservations(dataDir: string): { slot: string; bookingId: string }[] {
  const events = storedEvents(dataDir, 'slot-service');
  const released = new Set(events.filter((e) => e.type === 'SlotReleased').map((e) => `${e.streamId}|${e.data.bookingId}`));
  return events
    .filter((e) => e.type === 'SlotReserved' && !released.has(`${e.streamId}|${e.data.bookingId}`))
    .map((e) => ({ slot: e.streamId, bookingId: e.data.bookingId as string }));
}
