import { deterministicId } from '@app/eventstore/deterministic-id';
import type { Appointment } from './appointment';
import type { Notification, NotificationKind, NotificationSettings, UnaddressedNotification } from './notification';
import type { Addressee } from './recipients';
import { providerName, renderMessage } from './templates/render';

/** One message per change and recipient: the id says which booking event, which kind, and for whom. */
export const changeNotificationId = (cause: string, kind: NotificationKind, role: string): string => deterministicId('notification', cause, kind, role);

/** One reminder per appointment time, offset and recipient: a move gives new ids, a redelivery the same ones. */
export const reminderId = (appointmentId: string, start: string, offsetMs: number, role: string): string =>
  deterministicId('reminder', appointmentId, start, String(offsetMs), role);

export interface Draft {
  notificationId: string;
  kind: NotificationKind;
  due: string;
  offsetMs?: number;
  previous?: { start: string; location?: string };
}

/** The message for an addressee, worded now; `undefined` recipient gives the unaddressed record instead. */
export function compose(
  draft: Draft,
  appointment: Appointment,
  addressee: Addressee,
  settings: NotificationSettings,
): { notification: Notification } | { unaddressed: UnaddressedNotification } {
  const base = { notificationId: draft.notificationId, appointmentId: appointment.appointmentId, kind: draft.kind, due: draft.due, ...addressee.presentation };
  if (!addressee.recipient) return { unaddressed: { ...base, recipient: { role: addressee.role } } };
  const message = renderMessage(addressee.presentation.language, {
    kind: draft.kind,
    appointment,
    provider: providerName(appointment, settings.organisationNames),
    recipient: { role: addressee.role, name: addressee.recipient.name },
    channel: addressee.recipient.channel,
    previous: draft.previous,
  });
  return { notification: { ...base, recipient: addressee.recipient, message, ...(draft.offsetMs !== undefined ? { offsetMs: draft.offsetMs } : {}) } };
}
