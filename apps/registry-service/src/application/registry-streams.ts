import { deterministicId } from '@app/eventstore/deterministic-id';

export const registryEntryStream = (entryId: string): string => `registry-entry-${entryId}`;
export const isRegistryEntryStream = (streamId: string): boolean => streamId.startsWith('registry-entry-');

/** Release 0.1 kept one stream per patient search; the access audit records them now. */
export const isPatientSearchStream = (streamId: string): boolean => streamId.startsWith('registry-access-');

/** A booking's entry: found again from the booking alone (a rebook points at the entry of the booking it replaces). */
export const bookingEntryId = (bookingId: string): string => deterministicId('registry-entry', bookingId);

/** A provider's entry: one per appointment id of that organisation, so a repeated request finds it. */
export const externalEntryId = (organisation: string, appointmentId: string): string => deterministicId('registry-entry', organisation, appointmentId);
