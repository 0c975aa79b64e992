import { given } from '@app/eventstore/testing/given-when-then';
import type { SlotEvent } from './slot.events';
import { slotDecider } from './slot.decider';
import { before, outsider, owner, published, rejected, released, reserve, reserved, withdrawn } from './testing/slot-fixtures';

describe('reserving a place (saga step 2)', () => {
  it('reserves a free slot, telling the place', () => given(slotDecider, [published()]).when(reserve('r1')).then([reserved('r1')]));
  it('tells the host’s name with the place, when the slot has one', () => {
    const named = published({ organisationName: 'Riverside Surgery' });
    const { data } = reserved('r1') as { data: object };
    given(slotDecider, [named]).when(reserve('r1')).then([{ type: 'SlotReserved', data: { ...data, organisationName: 'Riverside Surgery' } } as SlotEvent]);
  });
  it('refuses a full slot', () => given(slotDecider, [published(), reserved('r1')]).when(reserve('r2')).then([rejected('r2', 'slot_full')]));
  it('takes up to the capacity of a clinic slot', () => {
    given(slotDecider, [published({ capacity: 2 }), reserved('r1')]).when(reserve('r2')).then([reserved('r2')]);
    given(slotDecider, [published({ capacity: 2 }), reserved('r1'), reserved('r2')]).when(reserve('r3')).then([rejected('r3', 'slot_full')]);
  });
  it('a released place can be reserved again', () =>
    given(slotDecider, [published(), reserved('r1'), released('r1')]).when(reserve('r2')).then([reserved('r2')]));
  it('decides on the reservationId: a redelivered request appends nothing, whatever the slot looks like now', () => {
    given(slotDecider, [published(), reserved('r1')]).when(reserve('r1')).then([]);
    given(slotDecider, [published(), reserved('r1'), rejected('r2', 'slot_full')]).when(reserve('r2')).then([]);
    given(slotDecider, [published(), reserved('r1'), released('r1')]).when(reserve('r1')).then([]);
  });
  it('one booking may hold a second reservation (a reschedule) under a new reservationId', () => {
    const second: SlotEvent = { ...reserved('r2'), data: { ...(reserved('r2').data as object), bookingId: 'booking-of-r1' } } as SlotEvent;
    given(slotDecider, [published({ capacity: 2 }), reserved('r1')])
      .when(reserve('r2', { bookingId: 'booking-of-r1' }))
      .then([second]);
  });
  it('refuses an unknown slot', () => given(slotDecider, []).when(reserve('r1')).then([rejected('r1', 'slot_not_found')]));
  it('refuses a withdrawn slot as unknown', () => given(slotDecider, [published(), withdrawn]).when(reserve('r1')).then([rejected('r1', 'slot_not_found')]));
  it('refuses a slot that has started', () =>
    given(slotDecider, [published()]).when(reserve('r1', { at: new Date('2030-03-01T09:00:00.000Z') })).then([rejected('r1', 'slot_in_past')]));
  it('a hidden slot that has started still looks missing', () =>
    given(slotDecider, [published({ bookableBy: { organisations: [] } })])
      .when(reserve('r1', { requester: outsider, at: new Date('2030-03-01T10:00:00.000Z') }))
      .then([rejected('r1', 'slot_not_found')]));

  describe('bookableBy', () => {
    it('lets an organisation named in the rule book', () =>
      given(slotDecider, [published({ bookableBy: { organisations: ['Y00001'] } })]).when(reserve('r1')).then([reserved('r1')]));
    it('lets a federation member book', () =>
      given(slotDecider, [published({ bookableBy: { federations: ['F1'] } })]).when(reserve('r1')).then([reserved('r1')]));
    it('lets an organisation type book', () =>
      given(slotDecider, [published({ bookableBy: { organisationTypes: ['gp-hub'] } })]).when(reserve('r1')).then([reserved('r1')]));
    it('always lets the owning organisation book', () =>
      given(slotDecider, [published({ bookableBy: { organisations: [] } })])
        .when(reserve('r1', { requester: owner }))
        .then([reserved('r1', { requester: owner })]));
    it('refuses anyone else as if the slot did not exist', () =>
      given(slotDecider, [published({ bookableBy: { organisations: ['Y00001'], federations: ['F1'], organisationTypes: ['gp-hub'] } })])
        .when(reserve('r1', { requester: outsider }))
        .then([rejected('r1', 'slot_not_found')]));
  });

  describe('embargo (visibleFrom)', () => {
    const embargoed = published({ visibleFrom: '2030-02-15T00:00:00.000Z' });
    it('refuses others before the embargo ends, as if the slot did not exist', () =>
      given(slotDecider, [embargoed]).when(reserve('r1', { at: before })).then([rejected('r1', 'slot_not_found')]));
    it('lets others book from the embargo’s end', () =>
      given(slotDecider, [embargoed]).when(reserve('r1', { at: new Date('2030-02-15T00:00:00.000Z') })).then([reserved('r1')]));
    it('lets the owning organisation book during the embargo', () =>
      given(slotDecider, [embargoed]).when(reserve('r1', { requester: owner })).then([reserved('r1', { requester: owner })]));
    it('still applies bookableBy after the embargo', () =>
      given(slotDecider, [published({ visibleFrom: '2030-01-01T00:00:00.000Z', bookableBy: { organisations: ['Y00001'] } })])
        .when(reserve('r1', { requester: outsider }))
        .then([rejected('r1', 'slot_not_found')]));
  });
});
