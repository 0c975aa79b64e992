import { AmendableField, Appointment, amendedAppointment, amendedFields, cancelledAppointment, confirmedAppointment, rescheduledAppointment } from './appointment';
import { Draft, changeNotificationId, compose } from './compose';
import type { NotificationKind, NotificationSettings } from './notification';
import type { NoteAttendance, NoteBookingAmended, NoteBookingCancelled, NoteBookingConfirmed, NoteBookingRescheduled } from './notification.commands';
import type { AppointmentChange, NotificationEvent } from './notification.events';
import type { NotificationState } from './notification.state';
import { addresseesOf } from './recipients';
import { reconcileReminders } from './reminders';

/** Changes worth a message to the patient; contact or supporter changes only re-route what is pending. */
const detailFields: AmendableField[] = ['description', 'comment', 'reasonableAdjustments'];

interface Change {
  cause: string;
  now: Date;
  settings: NotificationSettings;
  next: Appointment;
  change: AppointmentChange;
  /** The message this change sends to every addressee, if any. */
  kind?: NotificationKind;
  previous?: Draft['previous'];
  /** Why reminders no longer wanted are cancelled. */
  reminderReason: string;
}

/**
 * Records the appointment as it now is, sends this change's message once to each addressee (an unreachable
 * patient is recorded as failed with `no_contact_details`), and brings the reminders in line.
 */
function decideChange(state: NotificationState, change: Change): NotificationEvent[] {
  const { cause, now, settings, next, kind } = change;
  const events: NotificationEvent[] = [{ type: 'AppointmentRecorded', data: { appointment: next, change: change.change } }];
  if (kind) {
    for (const addressee of addresseesOf(next)) {
      const draft = { notificationId: changeNotificationId(cause, kind, addressee.role), kind, due: now.toISOString(), previous: change.previous };
      if (state.notifications[draft.notificationId]) continue;
      const composed = compose(draft, next, addressee, settings);
      if (!('notification' in composed)) {
        events.push({ type: 'NotificationUndeliverable', data: { notification: composed.unaddressed, reason: 'no_contact_details', at: now.toISOString() } });
        continue;
      }
      const { notification } = composed;
      events.push({ type: 'NotificationScheduled', data: notification });
      if (settings.sendsOnRecord) {
        const sent = { notificationId: notification.notificationId, kind, recipient: addressee.role, channel: notification.recipient.channel, sentAt: now.toISOString() };
        events.push({ type: 'NotificationSent', data: sent });
      }
    }
  }
  return [...events, ...reconcileReminders(state, next, settings, now, change.reminderReason)];
}

export function noteConfirmed(command: NoteBookingConfirmed, state: NotificationState): NotificationEvent[] {
  if (state.appointment) return [];
  const next = confirmedAppointment(command.booking);
  return decideChange(state, { ...command, next, change: 'confirmed', kind: 'confirmation', reminderReason: 'replaced' });
}

export function noteAmended(command: NoteBookingAmended, state: NotificationState): NotificationEvent[] {
  if (!state.appointment || state.appointment.status !== 'booked') return [];
  const next = amendedAppointment(state.appointment, command.amendment);
  const detailsChanged = amendedFields(command.amendment).some((field) => detailFields.includes(field));
  return decideChange(state, { ...command, next, change: 'amended', kind: detailsChanged ? 'amendment' : undefined, reminderReason: 'recipient_removed' });
}

export function noteRescheduled(command: NoteBookingRescheduled, state: NotificationState): NotificationEvent[] {
  const current = state.appointment;
  if (!current || current.status !== 'booked') return [];
  const next = rescheduledAppointment(current, command.reschedule);
  const previous = { start: current.start, location: current.location };
  return decideChange(state, { ...command, next, change: 'rescheduled', kind: 'reschedule', previous, reminderReason: 'rescheduled' });
}

export function noteCancelled(command: NoteBookingCancelled, state: NotificationState): NotificationEvent[] {
  if (!state.appointment || state.appointment.status === 'cancelled') return [];
  const next = cancelledAppointment(state.appointment, command.cancellation);
  return decideChange(state, { ...command, next, change: 'cancelled', kind: 'cancellation', reminderReason: 'booking_cancelled' });
}

/** Arrived, attended or did not attend: no message, and no reminder after it. */
export function noteAttendance(command: NoteAttendance, state: NotificationState): NotificationEvent[] {
  if (!state.appointment || state.appointment.status === command.status) return [];
  const next: Appointment = { ...state.appointment, status: command.status };
  return decideChange(state, { ...command, next, change: 'attendance', reminderReason: command.status });
}
