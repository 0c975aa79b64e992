import type { Requester } from '@app/contracts';
import { RecordedEvent, toDomainEvent } from '@app/eventstore';
import type { Collection, DocumentStore } from '@app/readmodel';
import type { Projection } from '@app/service-kit';
import type { BookingStatus } from '../domain/booking.decider';
import type { BookingEvent, Patient } from '../domain/booking.events';

export interface AppointmentView {
  id: string;
  status: BookingStatus;
  slotId: string;
  start?: string;
  end?: string;
  organisation?: string;
  serviceType?: string;
  deliveryChannel?: string;
  patient: Patient;
  description: string;
  comment?: string;
  bookedBy: Requester;
  rejectionReason?: string;
  /** Number of events in the booking's stream: the version clients send back in If-Match. */
  version: number;
  createdAt: string;
  updatedAt: string;
}

export const appointmentViews = (documents: DocumentStore): Collection<AppointmentView> =>
  documents.collection<AppointmentView>('appointments', [['patient.nhsNumber']]);

export class AppointmentViewProjection implements Projection {
  constructor(private readonly appointments: Collection<AppointmentView>) {}

  async apply(recorded: RecordedEvent): Promise<void> {
    if (!recorded.streamId.startsWith('booking-')) return;
    const event = toDomainEvent<BookingEvent>(recorded);
    const version = recorded.streamPosition + 1;
    if (event.type === 'BookingRequested') {
      const { bookingId, ...request } = event.data;
      await this.appointments.put({
        id: bookingId,
        status: 'pending',
        ...request,
        version,
        createdAt: recorded.occurredAt,
        updatedAt: recorded.occurredAt,
      });
      return;
    }
    const view = await this.appointments.get(event.data.bookingId);
    if (!view || view.version >= version) return;
    const changed = { ...view, version, updatedAt: recorded.occurredAt };
    if (event.type === 'BookingConfirmed') {
      const { start, end, organisation, serviceType, deliveryChannel } = event.data;
      await this.appointments.put({ ...changed, status: 'booked', start, end, organisation, serviceType, deliveryChannel });
    } else if (event.type === 'BookingRejected') {
      await this.appointments.put({ ...changed, status: 'rejected', rejectionReason: event.data.reason });
    }
  }
}
