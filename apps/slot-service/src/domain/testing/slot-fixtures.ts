import type { Requester } from '../requester';
import type { PlaceHold, ReserveSlot } from '../slot.commands';
import type { SlotDefinition, SlotEvent } from '../slot.events';
import { detailsOf } from '../slot.state';

/** One slot and the events and commands around it, for the given/when/then specs. */
export const slot: SlotDefinition = {
  slotId: 's1',
  organisation: 'A81001',
  federations: ['F1'],
  location: 'Room 3',
  practitionerRole: 'phlebotomist',
  serviceType: 'phlebotomy',
  deliveryChannel: 'in-person',
  start: '2030-03-01T09:00:00.000Z',
  end: '2030-03-01T09:10:00.000Z',
  capacity: 1,
};

export const owner: Requester = { organisation: 'A81001', organisationType: 'gp-practice', federations: ['F1'] };
export const hub: Requester = { organisation: 'Y00001', organisationType: 'gp-hub', federations: ['F1'] };
export const outsider: Requester = { organisation: 'B99999', organisationType: 'gp-practice', federations: ['F9'] };

export const before = new Date('2030-02-01T00:00:00.000Z');
export const plusSeconds = (at: Date, seconds: number) => new Date(at.getTime() + seconds * 1000);

export const published = (overrides: Partial<SlotDefinition> = {}): SlotEvent => ({ type: 'SlotPublished', data: { ...slot, ...overrides } });
export const withdrawn: SlotEvent = { type: 'SlotWithdrawn', data: { slotId: 's1' } };

export const reserve = (reservationId: string, options: Partial<ReserveSlot> = {}): ReserveSlot => ({
  type: 'ReserveSlot',
  slotId: 's1',
  reservationId,
  bookingId: `booking-of-${reservationId}`,
  requester: hub,
  at: before,
  ...options,
});
export const reserved = (reservationId: string, options: { requester?: Requester; holdId?: string } = {}): SlotEvent => ({
  type: 'SlotReserved',
  data: {
    ...detailsOf(slot),
    reservationId,
    bookingId: `booking-of-${reservationId}`,
    requester: options.requester ?? hub,
    ...(options.holdId ? { holdId: options.holdId } : {}),
  },
});
export const rejected = (reservationId: string, reason: 'slot_not_found' | 'slot_full' | 'slot_in_past'): SlotEvent => ({
  type: 'SlotReservationRejected',
  data: { slotId: 's1', reservationId, bookingId: `booking-of-${reservationId}`, reason },
});
export const released = (reservationId: string, reason: 'cancelled' | 'rescheduled' | 'timeout' = 'cancelled'): SlotEvent => ({
  type: 'SlotReleased',
  data: { slotId: 's1', reservationId, bookingId: `booking-of-${reservationId}`, reason },
});

export const placeHold = (holdId: string, options: Partial<PlaceHold> = {}): PlaceHold => ({
  type: 'PlaceHold',
  slotId: 's1',
  holdId,
  requester: hub,
  at: before,
  expiresAt: plusSeconds(options.at ?? before, 300),
  ...options,
});
export const held = (holdId: string, organisation = hub.organisation, expiresAt = plusSeconds(before, 300)): SlotEvent => ({
  type: 'SlotHeld',
  data: { slotId: 's1', holdId, organisation, expiresAt: expiresAt.toISOString() },
});
export const holdExpired = (holdId: string, organisation = hub.organisation): SlotEvent => ({
  type: 'SlotHoldExpired',
  data: { slotId: 's1', holdId, organisation },
});
