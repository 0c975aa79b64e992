import type { EventTypeDeclaration } from '@app/eventstore/upcasting/event-types';
import type { SlotEvent } from './slot.events';

/** The slot-service's stored events and the version each is written in (docs/events.md keeps the table). */
export const slotEventTypes: EventTypeDeclaration<SlotEvent['type']> = {
  versions: { SlotPublished: 1, SlotWithdrawn: 1, SlotHeld: 1, SlotHoldExpired: 1, SlotReserved: 1, SlotReservationRejected: 1, SlotReleased: 1 },
};
