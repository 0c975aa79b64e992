import { RecordedEvent, toDomainEvent } from '@app/eventstore';
import type { Collection, DocumentStore } from '@app/readmodel';
import type { Deadline, Projection } from '@app/service-kit';
import type { BookableBy } from '../domain/bookable-by';
import type { SlotEvent } from '../domain/slot.events';

/** A hold as the read model keeps it: its place counts until `expiresAt`. */
export interface HeldPlace {
  holdId: string;
  organisation: string;
  expiresAt: string;
}

export interface SlotView {
  id: string;
  organisation: string;
  organisationName?: string;
  federations?: string[];
  location?: string;
  practitionerRole?: string;
  serviceType: string;
  deliveryChannel: string;
  start: string;
  end: string;
  capacity: number;
  bookableBy?: BookableBy;
  visibleFrom?: string;
  /** Live reservations. */
  booked: number;
  /** Holds recorded and neither used nor recorded as expired; those past `expiresAt` are ignored at read time. */
  holds: HeldPlace[];
  withdrawn: boolean;
  /** Neither withdrawn nor fully booked: what search asks the store for (holds are judged at read time). */
  open: boolean;
  /** Stream position of the last event applied: replays of older events are skipped. */
  position: number;
}

/** A hold's expiry, as the DeadlineScheduler reads it: `due` = the hold's `expiresAt`. */
export interface HoldDeadline extends Deadline {
  slotId: string;
  organisation: string;
}

export const slotViews = (documents: DocumentStore): Collection<SlotView> =>
  documents.collection<SlotView>('slots', [['open', 'start'], ['organisation', 'start']]);

export const holdDeadlines = (documents: DocumentStore): Collection<HoldDeadline> =>
  documents.collection<HoldDeadline>('slot-holds', [['organisation', 'due'], ['due']]);

const withBooked = (view: SlotView, booked: number): SlotView => ({ ...view, booked, open: !view.withdrawn && booked < view.capacity });

/**
 * Slots as searched (capacity booked, holds, withdrawn) and the holds still to expire (per organisation, for the
 * hold limit, and as the expiry scheduler's deadlines). The hold documents change before the slot document records
 * the event's position, so an event replayed after a crash in between is applied again, whole (the hold writes it
 * already made are then ignored: they carry the same position).
 */
export class SlotViewProjection implements Projection {
  readonly name = 'slot-view';

  constructor(
    private readonly slots: Collection<SlotView>,
    private readonly holds: Collection<HoldDeadline>,
  ) {}

  async apply(recorded: RecordedEvent): Promise<void> {
    if (!recorded.streamId.startsWith('slot-')) return;
    const event = toDomainEvent<SlotEvent>(recorded);
    const position = recorded.streamPosition;
    const at = recorded.globalPosition;
    if (event.type === 'SlotPublished') {
      const existing = await this.slots.get(event.data.slotId);
      if (existing && existing.position >= position) return;
      const { slotId, ...slot } = event.data;
      await this.slots.putIfNewer({ id: slotId, ...slot, booked: 0, holds: [], withdrawn: false, open: true, position }, at);
      return;
    }
    const view = await this.slots.get(event.data.slotId);
    if (!view || view.position >= position) return;
    const next = await this.evolve(view, event, at);
    await this.slots.putIfNewer({ ...next, position }, at);
  }

  private async evolve(view: SlotView, event: SlotEvent, at: string): Promise<SlotView> {
    switch (event.type) {
      case 'SlotHeld': {
        const { holdId, organisation, expiresAt, slotId } = event.data;
        await this.holds.putIfNewer({ id: holdId, due: expiresAt, slotId, organisation }, at);
        return { ...view, holds: [...view.holds.filter((h) => h.holdId !== holdId), { holdId, organisation, expiresAt }] };
      }
      case 'SlotHoldExpired':
        return this.endHold(view, event.data.holdId, at);
      case 'SlotReserved': {
        const booked = withBooked(view, view.booked + 1);
        return event.data.holdId ? this.endHold(booked, event.data.holdId, at) : booked;
      }
      case 'SlotReleased':
        return withBooked(view, Math.max(0, view.booked - 1));
      case 'SlotWithdrawn': {
        // A withdrawn slot keeps no holds: their places and the organisations' hold counts are given back.
        for (const hold of view.holds) await this.holds.deleteIfNewer(hold.holdId, at);
        return { ...view, withdrawn: true, open: false, holds: [] };
      }
      default:
        return view;
    }
  }

  private async endHold(view: SlotView, holdId: string, at: string): Promise<SlotView> {
    await this.holds.deleteIfNewer(holdId, at);
    return { ...view, holds: view.holds.filter((h) => h.holdId !== holdId) };
  }
}
