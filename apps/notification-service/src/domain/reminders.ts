import { canonicalJson } from '@app/eventstore/canonical-json';
import type { Appointment } from './appointment';
import { compose, reminderId } from './compose';
import type { Notification, NotificationSettings } from './notification';
import type { NotificationEvent } from './notification.events';
import type { NotificationState } from './notification.state';
import { addresseesOf } from './recipients';

/** Every reminder the appointment should have (whatever the time now): one per offset and reachable recipient. */
function wantedReminders(appointment: Appointment, settings: NotificationSettings): Notification[] {
  if (appointment.status !== 'booked') return [];
  const start = Date.parse(appointment.start);
  return settings.reminderOffsetsMs.flatMap((offsetMs) =>
    addresseesOf(appointment)
      .filter((addressee) => addressee.recipient)
      .map((addressee) => {
        const draft = { notificationId: reminderId(appointment.appointmentId, appointment.start, offsetMs, addressee.role), kind: 'reminder' as const, due: new Date(start - offsetMs).toISOString(), offsetMs };
        return (compose(draft, appointment, addressee, settings) as { notification: Notification }).notification;
      }),
  );
}

/**
 * Brings the pending reminders in line with the appointment as it now is: those no longer wanted are cancelled
 * with `reason` (the booking was cancelled, attended or moved, or the recipient went), pending ones whose
 * recipient or wording changed follow it, and new ones are scheduled unless their time has already passed. A
 * reminder id once used is not scheduled again.
 */
export function reconcileReminders(state: NotificationState, appointment: Appointment, settings: NotificationSettings, now: Date, reason: string): NotificationEvent[] {
  const wanted = new Map(wantedReminders(appointment, settings).map((reminder) => [reminder.notificationId, reminder]));
  const events: NotificationEvent[] = [];
  for (const record of Object.values(state.notifications)) {
    if (record.kind !== 'reminder' || record.status !== 'scheduled') continue;
    const next = wanted.get(record.notificationId);
    if (!next) events.push({ type: 'NotificationCancelled', data: { notificationId: record.notificationId, kind: record.kind, recipient: record.role, reason, at: now.toISOString() } });
    else if (canonicalJson(next) !== canonicalJson(record.notification)) events.push({ type: 'NotificationRerouted', data: next });
  }
  for (const reminder of wanted.values()) {
    if (state.notifications[reminder.notificationId] || Date.parse(reminder.due) <= now.getTime()) continue;
    events.push({ type: 'NotificationScheduled', data: reminder });
  }
  return events;
}
