import { given } from '@app/eventstore/testing/given-when-then';
import type { Requester } from '@app/contracts';
import { slotDecider } from './slot.decider';
import type { SlotDefinition, SlotEvent } from './slot.events';
import type { ReserveSlot } from './slot.commands';

const slot: SlotDefinition = {
  slotId: 's1',
  organisation: 'A81001',
  serviceType: 'phlebotomy',
  deliveryChannel: 'in-person',
  start: '2030-03-01T09:00:00Z',
  end: '2030-03-01T09:10:00Z',
  capacity: 1,
};
const { capacity: _c, bookableBy: _b, ...details } = slot;
const hub: Requester = { organisation: 'Y00001', organisationType: 'gp-hub', federations: ['F1'] };
const published: SlotEvent = { type: 'SlotPublished', data: slot };
const reserve = (bookingId: string, requester: Requester = hub, at = new Date('2030-02-01T00:00:00Z')): ReserveSlot => ({
  type: 'ReserveSlot',
  slotId: 's1',
  bookingId,
  requester,
  at,
});
const reserved = (bookingId: string, requester: Requester = hub): SlotEvent => ({
  type: 'SlotReserved',
  data: { ...details, bookingId, requester },
});
const rejected = (bookingId: string, reason: string): SlotEvent =>
  ({ type: 'SlotReservationRejected', data: { slotId: 's1', bookingId, reason } }) as SlotEvent;

describe('slot decider', () => {
  describe('publishing', () => {
    it('publishes a new slot', () => given(slotDecider, []).when({ type: 'PublishSlot', slot }).then([published]));
    it('publishing the same slot again changes nothing', () =>
      given(slotDecider, [published]).when({ type: 'PublishSlot', slot }).then([]));
    it('refuses other details under a published id', () =>
      given(slotDecider, [published]).when({ type: 'PublishSlot', slot: { ...slot, capacity: 2 } }).thenFails('slot_already_published'));
    it('refuses a slot that ends before it starts', () =>
      given(slotDecider, []).when({ type: 'PublishSlot', slot: { ...slot, end: slot.start } }).thenFails('slot_ends_before_start'));
    it('refuses a capacity below one', () =>
      given(slotDecider, []).when({ type: 'PublishSlot', slot: { ...slot, capacity: 0 } }).thenFails('slot_capacity_invalid'));
  });

  describe('reserving', () => {
    it('reserves a free slot', () => given(slotDecider, [published]).when(reserve('b1')).then([reserved('b1')]));
    it('refuses a full slot', () =>
      given(slotDecider, [published, reserved('b1')]).when(reserve('b2')).then([rejected('b2', 'slot_full')]));
    it('takes up to the capacity of a clinic slot', () => {
      const clinic: SlotEvent = { type: 'SlotPublished', data: { ...slot, capacity: 2 } };
      given(slotDecider, [clinic, reserved('b1')]).when(reserve('b2')).then([reserved('b2')]);
      given(slotDecider, [clinic, reserved('b1'), reserved('b2')]).when(reserve('b3')).then([rejected('b3', 'slot_full')]);
    });
    it('answers a redelivered request the same way, appending nothing', () => {
      given(slotDecider, [published, reserved('b1')]).when(reserve('b1')).then([]);
      given(slotDecider, [published, reserved('b1'), rejected('b2', 'slot_full')]).when(reserve('b2')).then([]);
    });
    it('refuses an unknown slot', () => given(slotDecider, []).when(reserve('b1')).then([rejected('b1', 'slot_not_found')]));
    it('refuses a slot that has started', () =>
      given(slotDecider, [published]).when(reserve('b1', hub, new Date(slot.start))).then([rejected('b1', 'slot_in_past')]));

    describe('bookableBy', () => {
      const restricted = (bookableBy: SlotDefinition['bookableBy']): SlotEvent => ({ type: 'SlotPublished', data: { ...slot, bookableBy } });
      const outsider: Requester = { organisation: 'B99999', organisationType: 'gp-practice', federations: ['F9'] };
      it('lets an organisation named in the rule book', () =>
        given(slotDecider, [restricted({ organisations: ['Y00001'] })]).when(reserve('b1')).then([reserved('b1')]));
      it('lets a federation member book', () =>
        given(slotDecider, [restricted({ federations: ['F1'] })]).when(reserve('b1')).then([reserved('b1')]));
      it('lets an organisation type book', () =>
        given(slotDecider, [restricted({ organisationTypes: ['gp-hub'] })]).when(reserve('b1')).then([reserved('b1')]));
      it('always lets the owning organisation book', () => {
        const owner: Requester = { organisation: 'A81001', organisationType: 'gp-practice', federations: [] };
        given(slotDecider, [restricted({ organisations: [] })]).when(reserve('b1', owner)).then([reserved('b1', owner)]);
      });
      it('refuses anyone else', () =>
        given(slotDecider, [restricted({ organisations: ['Y00001'], federations: ['F1'], organisationTypes: ['gp-hub'] })])
          .when(reserve('b1', outsider))
          .then([rejected('b1', 'slot_not_found')]));
    });
  });
});
