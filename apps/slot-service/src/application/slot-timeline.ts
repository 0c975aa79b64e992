import { idsInFields } from '@app/service-kit';
import type { RecordedEvent } from '@app/eventstore';

/** A reservation, its refusal or its release names the booking it is for; publishing, holds and withdrawals none. */
export const slotAppointmentIds = (event: RecordedEvent): string[] => idsInFields('bookingId')(event.data);
