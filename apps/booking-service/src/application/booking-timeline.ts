import { idsInFields } from '@app/service-kit';
import type { RecordedEvent } from '@app/eventstore';

/** A booking's events name it; a rebook's name both appointments (the new one `supersedes`, the old one `supersededBy`). */
export const bookingAppointmentIds = (event: RecordedEvent): string[] => idsInFields('bookingId', 'supersedes', 'supersededBy')(event.data);
