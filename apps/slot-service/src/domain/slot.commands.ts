import type { Requester } from './requester';
import type { SlotReleaseReason } from './slot.events';
import type { SlotDefinition } from './slot.events';

export interface PublishSlot {
  type: 'PublishSlot';
  slot: SlotDefinition;
}

/** Take the slot off offer; only a slot without live reservations. */
export interface WithdrawSlot {
  type: 'WithdrawSlot';
  slotId: string;
}

/** Keep one place for the requester's organisation until `expiresAt`. */
export interface PlaceHold {
  type: 'PlaceHold';
  slotId: string;
  holdId: string;
  requester: Requester;
  at: Date;
  expiresAt: Date;
}

/** Record that a hold ran out (its deadline fired); the place was free from `expiresAt` on anyway. */
export interface ExpireHold {
  type: 'ExpireHold';
  slotId: string;
  holdId: string;
  at: Date;
}

/** Take one place for one reservation (a booking, or one reschedule of it): step 2 of the booking saga. */
export interface ReserveSlot {
  type: 'ReserveSlot';
  slotId: string;
  reservationId: string;
  bookingId: string;
  holdId?: string;
  requester: Requester;
  at: Date;
}

/** Give a reserved place back (cancelled, moved elsewhere, or reserved after the booking gave up). */
export interface ReleaseSlot {
  type: 'ReleaseSlot';
  slotId: string;
  reservationId: string;
  reason: SlotReleaseReason;
}

export type SlotCommand = PublishSlot | WithdrawSlot | PlaceHold | ExpireHold | ReserveSlot | ReleaseSlot;
