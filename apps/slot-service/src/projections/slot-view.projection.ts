import { RecordedEvent, toDomainEvent } from '@app/eventstore';
import type { Collection, DocumentStore } from '@app/readmodel';
import type { Projection } from '@app/service-kit';
import type { BookableBy } from '../domain/bookable-by';
import type { SlotEvent } from '../domain/slot.events';

export interface SlotView {
  id: string;
  organisation: string;
  serviceType: string;
  deliveryChannel: string;
  start: string;
  end: string;
  capacity: number;
  booked: number;
  status: 'free' | 'full';
  bookableBy?: BookableBy;
  /** Stream position of the last event applied: replays of older events are skipped. */
  position: number;
}

export const slotViews = (documents: DocumentStore): Collection<SlotView> =>
  documents.collection<SlotView>('slots', [['organisation', 'start'], ['status', 'start']]);

/** Slots as searched: how much capacity is left, by organisation, service and time. */
export class SlotViewProjection implements Projection {
  constructor(private readonly slots: Collection<SlotView>) {}

  async apply(recorded: RecordedEvent): Promise<void> {
    if (!recorded.streamId.startsWith('slot-')) return;
    const event = toDomainEvent<SlotEvent>(recorded);
    if (event.type === 'SlotPublished') {
      const { slotId, ...slot } = event.data;
      await this.slots.put({ id: slotId, ...slot, booked: 0, status: 'free', position: recorded.streamPosition });
      return;
    }
    if (event.type !== 'SlotReserved') return;
    const view = await this.slots.get(event.data.slotId);
    if (!view || view.position >= recorded.streamPosition) return;
    const booked = view.booked + 1;
    await this.slots.put({ ...view, booked, status: booked >= view.capacity ? 'full' : 'free', position: recorded.streamPosition });
  }
}
