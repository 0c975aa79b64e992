import type { EntryChange } from './registry-entry.events';

/** `RegistryEntryCreated` as the first release stored it: the entry's fields flat, no version or source. */
interface FirstReleaseEntry {
  entryId: string;
  nhsNumber: string;
  appointmentId: string;
  organisation: string;
  serviceType: string;
  start: string;
  end: string;
}

/**
 * The upcaster of RegistryEntryCreated v1 to v2: v1 was stored in either shape. A first-release one was always a booking's, so it points at the
 * booking-service's appointment (a relative URL: the base URL is configuration, not history); its times are unknown
 * and left empty.
 */
export function createdChange(data: EntryChange | FirstReleaseEntry): EntryChange {
  if ('entry' in data) return data;
  const { entryId, ...fields } = data;
  return {
    entry: { id: entryId, ...fields, appointmentUrl: `/appointments/${fields.appointmentId}`, status: 'booked', source: 'booking', version: 1, createdAt: '', updatedAt: '' },
  };
}
