/** A published slot's stream: everything decided about the slot (holds, reservations, releases) is appended here. */
export const slotStream = (slotId: string): string => `slot-${slotId}`;

/**
 * Where a reservation naming a slot that was never published keeps its refusal: keyed by the reservation, so a
 * made-up slot id starts no stream (outside `slot-`, so the slot projections never take it for a slot).
 */
export const reservationRefusalStream = (reservationId: string): string => `reservation-refusal-${reservationId}`;
