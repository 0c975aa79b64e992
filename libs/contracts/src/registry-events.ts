/** registry.changes.v1, keyed by NHS number so a subscriber sees one patient's changes in order. */
export type RegistryEntryStatus = 'booked' | 'cancelled' | 'entered-in-error' | 'expired';

export interface RegistryEntryV1 {
  entryId: string;
  nhsNumber: string;
  appointmentId: string;
  organisation: string;
  serviceType: string;
  start: string;
  end: string;
  status: RegistryEntryStatus;
}

export const RegistryEventTypes = {
  entryCreated: 'RegistryEntryCreated',
} as const;
