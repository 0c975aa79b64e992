import type { SlotReservationRejectionReason } from '@app/contracts';
import { Decider, DomainError } from '@app/eventstore/decider';
import { isBookableBy } from './bookable-by';
import type { PublishSlot, ReserveSlot, SlotCommand } from './slot.commands';
import type { SlotDefinition, SlotEvent } from './slot.events';

export interface SlotState {
  slot?: SlotDefinition;
  /** Bookings holding a unit of capacity. */
  reservedFor: string[];
  /** Bookings already refused, so a redelivered request is answered the same way. */
  refused: string[];
}

const sameDefinition = (a: SlotDefinition, b: SlotDefinition) => JSON.stringify(a) === JSON.stringify(b);

function publish(command: PublishSlot, state: SlotState): SlotEvent[] {
  if (state.slot) {
    if (sameDefinition(state.slot, command.slot)) return [];
    throw new DomainError('slot_already_published', `slot ${command.slot.slotId} is already published with other details`);
  }
  if (Date.parse(command.slot.end) <= Date.parse(command.slot.start)) {
    throw new DomainError('slot_ends_before_start', 'a slot must end after it starts', 'invalid');
  }
  if (!Number.isInteger(command.slot.capacity) || command.slot.capacity < 1) {
    throw new DomainError('slot_capacity_invalid', 'capacity must be a whole number of at least 1', 'invalid');
  }
  return [{ type: 'SlotPublished', data: command.slot }];
}

function reserve(command: ReserveSlot, state: SlotState): SlotEvent[] {
  const { slotId, bookingId } = command;
  if (state.reservedFor.includes(bookingId) || state.refused.includes(bookingId)) return [];
  const refuse = (reason: SlotReservationRejectionReason): SlotEvent[] => [
    { type: 'SlotReservationRejected', data: { slotId, bookingId, reason } },
  ];
  const slot = state.slot;
  if (!slot) return refuse('slot_not_found');
  if (Date.parse(slot.start) <= command.at.getTime()) return refuse('slot_in_past');
  if (!isBookableBy(slot, command.requester)) return refuse('slot_not_found');
  if (state.reservedFor.length >= slot.capacity) return refuse('slot_full');
  const { capacity: _capacity, bookableBy: _bookableBy, ...details } = slot;
  return [{ type: 'SlotReserved', data: { ...details, bookingId, requester: command.requester } }];
}

export const slotDecider: Decider<SlotCommand, SlotEvent, SlotState> = {
  initialState: { reservedFor: [], refused: [] },
  decide: (command, state) => (command.type === 'PublishSlot' ? publish(command, state) : reserve(command, state)),
  evolve: (state, event) => {
    switch (event.type) {
      case 'SlotPublished':
        return { ...state, slot: event.data };
      case 'SlotReserved':
        return { ...state, reservedFor: [...state.reservedFor, event.data.bookingId] };
      case 'SlotReservationRejected':
        return { ...state, refused: [...state.refused, event.data.bookingId] };
      default:
        return state;
    }
  },
};

