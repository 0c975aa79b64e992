import type { EventTypeDeclaration } from '@app/eventstore/upcasting/event-types';
import type { AmendableField, BookingAmended, BookingEvent, BookingRescheduled, Place } from './booking.events';
import type { RescheduleEvent } from './reschedule/reschedule.events';

/** BookingRescheduled v1: the new place's fields flat beside the booking id and the previous place. */
type RescheduledV1 = Place & { bookingId: string; previous: Place };

/** v1 → v2: the new place nested under `place`, like the previous one. */
const rescheduledV2 = ({ bookingId, previous, ...place }: RescheduledV1): BookingRescheduled['data'] => ({ bookingId, place, previous });

/** v1 → v2: `changed` became required. Amendments stored before contacts were amendable have none: only the text could change. */
const textFields: AmendableField[] = ['description', 'comment', 'reasonableAdjustments'];
const amendedV2 = (data: Omit<BookingAmended['data'], 'changed'> & { changed?: AmendableField[] }): BookingAmended['data'] => ({ ...data, changed: data.changed ?? textFields });

/** The booking-service's stored events (bookings and their reschedule processes) and the version each is written in. */
export const bookingEventTypes: EventTypeDeclaration<BookingEvent['type'] | RescheduleEvent['type']> = {
  versions: {
    BookingRequested: 1,
    BookingConfirmed: 1,
    BookingRejected: 1,
    BookingAmended: 2,
    BookingRescheduled: 2,
    BookingCancelled: 1,
    BookingAttendanceRecorded: 1,
    RescheduleRequested: 1,
    RescheduleReserved: 1,
    RescheduleCompleted: 1,
    RescheduleRefused: 1,
    RescheduleTimedOut: 1,
    RescheduleAbandoned: 1,
  },
  upcasters: {
    BookingAmended: { 1: amendedV2 },
    BookingRescheduled: { 1: rescheduledV2 },
  },
};
