/** slot.events.v1, keyed by slotId. */
export interface SlotDetails {
  slotId: string;
  organisation: string;
  serviceType: string;
  deliveryChannel: string;
  start: string;
  end: string;
}

export interface SlotReservedV1 extends SlotDetails {
  bookingId: string;
}

export type SlotReservationRejectionReason = 'slot_not_found' | 'slot_full' | 'not_bookable_by_requester' | 'slot_in_past';

export interface SlotReservationRejectedV1 {
  slotId: string;
  bookingId: string;
  reason: SlotReservationRejectionReason;
}

export const SlotEventTypes = {
  reserved: 'SlotReserved',
  reservationRejected: 'SlotReservationRejected',
} as const;
