import type { SlotDetails } from './slot-details';
import type { SlotDefinition, SlotEvent, SlotReservationRejectionReason } from './slot.events';

export interface Reservation {
  bookingId: string;
  holdId?: string;
  released: boolean;
}

export interface Hold {
  organisation: string;
  expiresAt: string;
  /** `used` once a reservation took its place; `expired` once its expiry was recorded. */
  status: 'active' | 'used' | 'expired';
}

export interface SlotState {
  slot?: SlotDefinition;
  withdrawn: boolean;
  /** Every reservation taken, by reservationId (released ones too, so a redelivery changes nothing). */
  reservations: Record<string, Reservation>;
  /** Reservations refused, so a redelivered request is answered the same way. */
  refusals: Record<string, SlotReservationRejectionReason>;
  holds: Record<string, Hold>;
}

export const initialSlotState: SlotState = { withdrawn: false, reservations: {}, refusals: {}, holds: {} };

export const liveReservations = (state: SlotState): number => Object.values(state.reservations).filter((r) => !r.released).length;

/** A hold keeps its place only while active and unexpired: once `expiresAt` ≤ `at` it is gone, recorded or not. */
export const holdInForce = (hold: Hold, at: Date): boolean => hold.status === 'active' && Date.parse(hold.expiresAt) > at.getTime();

export const holdsInForce = (state: SlotState, at: Date): number => Object.values(state.holds).filter((hold) => holdInForce(hold, at)).length;

/** Capacity left at `at`: capacity − live reservations − holds in force. */
export const placesLeft = (state: SlotState, at: Date): number =>
  state.slot ? state.slot.capacity - liveReservations(state) - holdsInForce(state, at) : 0;

/** What every reservation tells about the place (no capacity or access rules). */
export function detailsOf(slot: SlotDefinition): SlotDetails {
  const { capacity: _capacity, bookableBy: _bookableBy, visibleFrom: _visibleFrom, ...details } = slot;
  return details;
}

export function evolveSlot(state: SlotState, event: SlotEvent): SlotState {
  switch (event.type) {
    case 'SlotPublished':
      return { ...state, slot: event.data };
    case 'SlotWithdrawn':
      return { ...state, withdrawn: true };
    case 'SlotHeld': {
      const { holdId, organisation, expiresAt } = event.data;
      return { ...state, holds: { ...state.holds, [holdId]: { organisation, expiresAt, status: 'active' } } };
    }
    case 'SlotHoldExpired':
      return withHoldStatus(state, event.data.holdId, 'expired');
    case 'SlotReserved': {
      const { reservationId, bookingId, holdId } = event.data;
      const reserved = { ...state, reservations: { ...state.reservations, [reservationId]: { bookingId, holdId, released: false } } };
      return holdId ? withHoldStatus(reserved, holdId, 'used') : reserved;
    }
    case 'SlotReservationRejected':
      return { ...state, refusals: { ...state.refusals, [event.data.reservationId]: event.data.reason } };
    case 'SlotReleased': {
      const reservation = state.reservations[event.data.reservationId];
      if (!reservation) return state;
      return { ...state, reservations: { ...state.reservations, [event.data.reservationId]: { ...reservation, released: true } } };
    }
    default:
      return state;
  }
}

function withHoldStatus(state: SlotState, holdId: string, status: Hold['status']): SlotState {
  const hold = state.holds[holdId];
  return hold ? { ...state, holds: { ...state.holds, [holdId]: { ...hold, status } } } : state;
}
