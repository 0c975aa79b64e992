import { Decider, DomainError } from '@app/eventstore/decider';
import { isOpenTo } from './bookable-by';
import { definitionProblems, sameDefinition } from './slot-definition';
import type { ExpireHold, PlaceHold, PublishSlot, ReleaseSlot, ReserveSlot, SlotCommand, WithdrawSlot } from './slot.commands';
import type { SlotEvent, SlotReservationRejectionReason } from './slot.events';
import { SlotState, detailsOf, evolveSlot, holdInForce, initialSlotState, liveReservations, placesLeft } from './slot.state';

/** Holds are short by rule (DESIGN §5: at most five minutes). */
export const maxHoldSeconds = 300;

function publish({ slot }: PublishSlot, state: SlotState): SlotEvent[] {
  if (state.slot) {
    if (sameDefinition(state.slot, slot)) return [];
    throw new DomainError('slot_already_published', `slot ${slot.slotId} is already published with other details`);
  }
  const [problem] = definitionProblems(slot);
  if (problem) throw new DomainError(problem.code, `${problem.field}: ${problem.message}`, 'invalid');
  return [{ type: 'SlotPublished', data: slot }];
}

function withdraw({ slotId }: WithdrawSlot, state: SlotState): SlotEvent[] {
  if (!state.slot) throw new DomainError('slot_not_found', `no slot ${slotId}`, 'not-found');
  if (state.withdrawn) return [];
  const live = liveReservations(state);
  if (live > 0) throw new DomainError('slot_has_bookings', `slot ${slotId} has ${live} live booking(s); cancel or move them first`);
  return [{ type: 'SlotWithdrawn', data: { slotId } }];
}

/** Why a slot cannot take the requester now, if it cannot; hidden slots look missing. */
function refusalFor(state: SlotState, requester: PlaceHold['requester'], at: Date): SlotReservationRejectionReason | undefined {
  const slot = state.slot;
  if (!slot || state.withdrawn || !isOpenTo(slot, requester, at)) return 'slot_not_found';
  if (Date.parse(slot.start) <= at.getTime()) return 'slot_in_past';
  return undefined;
}

function placeHold(command: PlaceHold, state: SlotState): SlotEvent[] {
  const { slotId, holdId, requester, at, expiresAt } = command;
  if (state.holds[holdId]) return [];
  const ttlMs = expiresAt.getTime() - at.getTime();
  if (ttlMs <= 0 || ttlMs > maxHoldSeconds * 1000) {
    throw new DomainError('hold_too_long', `a hold lasts more than 0 and at most ${maxHoldSeconds} seconds`, 'invalid');
  }
  const refusal = refusalFor(state, requester, at);
  if (refusal === 'slot_not_found') throw new DomainError(refusal, `no slot ${slotId}`, 'not-found');
  if (refusal) throw new DomainError(refusal, `slot ${slotId} has already started`);
  if (placesLeft(state, at) <= 0) throw new DomainError('slot_full', `slot ${slotId} has no place left to hold`);
  return [{ type: 'SlotHeld', data: { slotId, holdId, organisation: requester.organisation, expiresAt: expiresAt.toISOString() } }];
}

function expireHold({ slotId, holdId, at }: ExpireHold, state: SlotState): SlotEvent[] {
  const hold = state.holds[holdId];
  if (!hold || hold.status !== 'active' || holdInForce(hold, at)) return [];
  return [{ type: 'SlotHoldExpired', data: { slotId, holdId, organisation: hold.organisation } }];
}

function reserve(command: ReserveSlot, state: SlotState): SlotEvent[] {
  const { slotId, reservationId, bookingId, requester, at } = command;
  if (state.reservations[reservationId] || state.refusals[reservationId]) return [];
  const refuse = (reason: SlotReservationRejectionReason): SlotEvent[] => [
    { type: 'SlotReservationRejected', data: { slotId, reservationId, bookingId, reason } },
  ];
  const refusal = refusalFor(state, requester, at);
  if (refusal) return refuse(refusal);
  const hold = command.holdId ? state.holds[command.holdId] : undefined;
  // Only the requester's own hold in force takes its place; any other hold is ignored.
  const ownHold = hold && holdInForce(hold, at) && hold.organisation === requester.organisation ? command.holdId : undefined;
  if (!ownHold && placesLeft(state, at) <= 0) return refuse('slot_full');
  const details = detailsOf(state.slot!);
  return [{ type: 'SlotReserved', data: { ...details, reservationId, bookingId, requester, ...(ownHold ? { holdId: ownHold } : {}) } }];
}

function release({ slotId, reservationId, reason }: ReleaseSlot, state: SlotState): SlotEvent[] {
  const reservation = state.reservations[reservationId];
  if (!reservation || reservation.released) return [];
  return [{ type: 'SlotReleased', data: { slotId, reservationId, bookingId: reservation.bookingId, reason } }];
}

export const slotDecider: Decider<SlotCommand, SlotEvent, SlotState> = {
  initialState: initialSlotState,
  decide: (command, state) => {
    switch (command.type) {
      case 'PublishSlot':
        return publish(command, state);
      case 'WithdrawSlot':
        return withdraw(command, state);
      case 'PlaceHold':
        return placeHold(command, state);
      case 'ExpireHold':
        return expireHold(command, state);
      case 'ReserveSlot':
        return reserve(command, state);
      case 'ReleaseSlot':
        return release(command, state);
    }
  },
  evolve: evolveSlot,
};

export type { SlotState } from './slot.state';
