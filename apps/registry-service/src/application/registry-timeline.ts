import type { RecordedEvent } from '@app/eventstore';
import type { EntryChange } from '../domain/registry-entry.events';

/** An entry's change names the appointment the entry points to (a booking's id, or a provider's own appointment id). */
export const registryAppointmentIds = (event: RecordedEvent): string[] => {
  const appointmentId = (event.data as Partial<EntryChange> | undefined)?.entry?.appointmentId;
  return appointmentId ? [appointmentId] : [];
};
