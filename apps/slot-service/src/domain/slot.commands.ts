import type { Requester } from '@app/contracts';
import type { SlotDefinition } from './slot.events';

export interface PublishSlot {
  type: 'PublishSlot';
  slot: SlotDefinition;
}

/** Take one unit of the slot's capacity for a booking (step 2 of the booking saga). */
export interface ReserveSlot {
  type: 'ReserveSlot';
  slotId: string;
  bookingId: string;
  requester: Requester;
  at: Date;
}

export type SlotCommand = PublishSlot | ReserveSlot;
