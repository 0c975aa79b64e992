import { given } from '@app/eventstore/testing/given-when-then';
import { slotDecider } from './slot.decider';
import {
  before,
  held,
  holdExpired,
  outsider,
  owner,
  placeHold,
  plusSeconds,
  published,
  rejected,
  released,
  reserve,
  reserved,
  slot,
  withdrawn,
} from './testing/slot-fixtures';

/** The instant the fixture's hold runs out: from then on it keeps no place. */
const afterExpiry = plusSeconds(before, 300);

describe('holding a place', () => {
  it('holds a free place for the organisation until it expires', () =>
    given(slotDecider, [published()]).when(placeHold('h1')).then([held('h1')]));
  it('holding again under the same holdId changes nothing', () =>
    given(slotDecider, [published(), held('h1')]).when(placeHold('h1')).then([]));
  it('refuses when no place is left: reservations and holds in force count', () => {
    given(slotDecider, [published(), reserved('r1')]).when(placeHold('h1')).thenFails('slot_full');
    given(slotDecider, [published(), held('h0', owner.organisation)]).when(placeHold('h1')).thenFails('slot_full');
  });
  it('holds the last place of a clinic slot', () =>
    given(slotDecider, [published({ capacity: 2 }), reserved('r1')]).when(placeHold('h1')).then([held('h1')]));
  it('an expired hold no longer takes a place, even before its expiry is recorded', () =>
    given(slotDecider, [published(), held('h0', owner.organisation)])
      .when(placeHold('h1', { at: afterExpiry, expiresAt: plusSeconds(afterExpiry, 60) }))
      .then([held('h1', undefined, plusSeconds(afterExpiry, 60))]));
  it('refuses a hold longer than 300 seconds', () =>
    given(slotDecider, [published()]).when(placeHold('h1', { expiresAt: plusSeconds(before, 301) })).thenFails('hold_too_long'));
  it('refuses an unknown, withdrawn, hidden or embargoed slot as not found', () => {
    given(slotDecider, []).when(placeHold('h1')).thenFails('slot_not_found');
    given(slotDecider, [published(), withdrawn]).when(placeHold('h1')).thenFails('slot_not_found');
    given(slotDecider, [published({ bookableBy: { organisations: [] } })]).when(placeHold('h1', { requester: outsider })).thenFails('slot_not_found');
    given(slotDecider, [published({ visibleFrom: '2030-02-15T00:00:00.000Z' })]).when(placeHold('h1')).thenFails('slot_not_found');
  });
  it('refuses a slot that has started', () =>
    given(slotDecider, [published()])
      .when(placeHold('h1', { at: new Date(slot.start) }))
      .thenFails('slot_in_past'));
});

describe('a hold running out', () => {
  it('records the expiry once it is due', () =>
    given(slotDecider, [published(), held('h1')]).when({ type: 'ExpireHold', slotId: 's1', holdId: 'h1', at: afterExpiry }).then([holdExpired('h1')]));
  it('records nothing before it is due', () =>
    given(slotDecider, [published(), held('h1')]).when({ type: 'ExpireHold', slotId: 's1', holdId: 'h1', at: before }).then([]));
  it('records nothing for a hold already expired, used, or unknown (the deadline may fire twice)', () => {
    const expire = { type: 'ExpireHold' as const, slotId: 's1', holdId: 'h1', at: afterExpiry };
    given(slotDecider, [published(), held('h1'), holdExpired('h1')]).when(expire).then([]);
    given(slotDecider, [published(), held('h1'), reserved('r1', { holdId: 'h1' })]).when(expire).then([]);
    given(slotDecider, [published()]).when(expire).then([]);
  });
  it('frees its place once recorded', () =>
    given(slotDecider, [published(), held('h1'), holdExpired('h1')]).when(reserve('r1', { requester: outsider })).then([reserved('r1', { requester: outsider })]));
});

describe('reserving with a hold', () => {
  it('the holding organisation’s reservation takes the held place', () =>
    given(slotDecider, [published(), held('h1')]).when(reserve('r1', { holdId: 'h1' })).then([reserved('r1', { holdId: 'h1' })]));
  it('others get slot_full while a hold takes the last place', () =>
    given(slotDecider, [published(), held('h1')]).when(reserve('r1', { requester: owner })).then([rejected('r1', 'slot_full')]));
  it('another organisation cannot use the hold: it is ignored and the slot is full', () =>
    given(slotDecider, [published(), held('h1')]).when(reserve('r1', { requester: owner, holdId: 'h1' })).then([rejected('r1', 'slot_full')]));
  it('an unknown hold is ignored: a free place is taken like any other', () =>
    given(slotDecider, [published()]).when(reserve('r1', { holdId: 'nope' })).then([reserved('r1')]));
  it('an expired hold is ignored: a free place is taken like any other', () =>
    given(slotDecider, [published(), held('h1')]).when(reserve('r1', { holdId: 'h1', at: afterExpiry })).then([reserved('r1')]));
  it('an expired hold whose place is gone leaves the reservation refused', () =>
    given(slotDecider, [published(), held('h1'), holdExpired('h1'), reserved('r0', { requester: owner })])
      .when(reserve('r1', { holdId: 'h1' }))
      .then([rejected('r1', 'slot_full')]));
  it('a hold is used once: a second reservation with it needs a free place', () =>
    given(slotDecider, [published(), held('h1'), reserved('r1', { holdId: 'h1' })]).when(reserve('r2', { holdId: 'h1' })).then([rejected('r2', 'slot_full')]));
  it('a released reservation made with a hold frees the place, not the hold', () =>
    given(slotDecider, [published(), held('h1'), reserved('r1', { holdId: 'h1' }), released('r1')])
      .when(reserve('r2', { requester: owner }))
      .then([reserved('r2', { requester: owner })]));
});
