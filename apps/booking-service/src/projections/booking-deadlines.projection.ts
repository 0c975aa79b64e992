import { RecordedEvent, toDomainEvent } from '@app/eventstore';
import type { Collection, DocumentStore } from '@app/readmodel';
import type { Deadline, Projection } from '@app/service-kit';
import type { BookingEvent } from '../domain/booking.events';
import type { RescheduleEvent } from '../domain/reschedule/reschedule.events';

/** A pending booking or reschedule attempt that times out at `due` unless answered before. */
export interface BookingDeadline extends Deadline {
  kind: 'booking' | 'reschedule';
  bookingId: string;
  rescheduleId?: string;
  /** Of the event that set the deadline: the timeout continues its story. */
  correlationId: string;
  causationId: string;
}

export const bookingDeadlines = (documents: DocumentStore): Collection<BookingDeadline> =>
  documents.collection<BookingDeadline>('deadlines', [['due']]);

export const bookingDeadlineId = (bookingId: string): string => `booking:${bookingId}`;
export const rescheduleDeadlineId = (rescheduleId: string): string => `reschedule:${rescheduleId}`;

/**
 * The deadlines still open, kept from the events (so they survive a restart): set by a request, gone once the
 * request is answered or has timed out.
 */
export class BookingDeadlinesProjection implements Projection {
  readonly name = 'booking-deadlines';

  constructor(private readonly deadlines: Collection<BookingDeadline>) {}

  async apply(recorded: RecordedEvent): Promise<void> {
    const event = toDomainEvent<BookingEvent | RescheduleEvent>(recorded);
    // Of the event that set the deadline: the timeout continues its story.
    const { correlationId, id: causationId, globalPosition: at } = recorded;
    switch (event.type) {
      case 'BookingRequested': {
        const { bookingId, deadline } = event.data;
        await this.deadlines.putIfNewer({ id: bookingDeadlineId(bookingId), due: deadline, kind: 'booking', bookingId, correlationId, causationId }, at);
        return;
      }
      case 'BookingConfirmed':
      case 'BookingRejected':
        await this.deadlines.deleteIfNewer(bookingDeadlineId(event.data.bookingId), at);
        return;
      case 'RescheduleRequested': {
        const { bookingId, rescheduleId, deadline } = event.data;
        await this.deadlines.putIfNewer({ id: rescheduleDeadlineId(rescheduleId), due: deadline, kind: 'reschedule', bookingId, rescheduleId, correlationId, causationId }, at);
        return;
      }
      case 'RescheduleReserved':
      case 'RescheduleRefused':
      case 'RescheduleTimedOut':
        await this.deadlines.deleteIfNewer(rescheduleDeadlineId(event.data.rescheduleId), at);
        return;
    }
  }
}
