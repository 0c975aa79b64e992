import type { RecordedEvent } from '@app/eventstore';
import type { Collection, DocumentStore } from '@app/readmodel';
import type { Projection } from '@app/service-kit';
import { AppointmentView, appointmentAfter, isBookingEvent } from './appointment-view';

export const appointmentViews = (documents: DocumentStore): Collection<AppointmentView> =>
  documents.collection<AppointmentView>('appointments', [['patient.nhsNumber']]);

/** Keeps one document per appointment; an event it already reflects (a replay) changes nothing. */
export class AppointmentViewProjection implements Projection {
  readonly name = 'appointment-view';

  constructor(private readonly appointments: Collection<AppointmentView>) {}

  async apply(recorded: RecordedEvent): Promise<void> {
    if (!isBookingEvent(recorded)) return;
    const id = (recorded.data as { bookingId: string }).bookingId;
    const view = await this.appointments.get(id);
    if (view && view.version > recorded.streamPosition) return;
    const next = appointmentAfter(view, recorded);
    if (next) await this.appointments.putIfNewer(next, recorded.globalPosition);
  }
}
