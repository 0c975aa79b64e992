import type { Appointment } from '../appointment';
import type { NotificationChannel } from '../contact-details';
import type { NotificationKind, RecipientRole } from '../notification';

/** Everything a template needs to word one message; templates are pure functions of it. */
export interface MessageFacts {
  kind: NotificationKind;
  appointment: Appointment;
  /** The provider as patients know it (see providerName). */
  provider: string;
  recipient: { role: RecipientRole; name?: string };
  channel: NotificationChannel;
  /** A reschedule: where and when the appointment was before. */
  previous?: { start: string; location?: string };
}

/** The slot's organisation name, else the configured name of its ODS code, else the ODS code itself. */
export const providerName = (appointment: Pick<Appointment, 'organisation' | 'organisationName'>, names: Record<string, string>): string =>
  appointment.organisationName ?? names[appointment.organisation] ?? appointment.organisation;
