import { given } from '@app/eventstore/testing/given-when-then';
import { slotDecider } from './slot.decider';
import { held, published, rejected, released, reserve, reserved, withdrawn } from './testing/slot-fixtures';

const withdraw = { type: 'WithdrawSlot' as const, slotId: 's1' };

describe('withdrawing a slot', () => {
  it('withdraws a slot without bookings', () => given(slotDecider, [published()]).when(withdraw).then([withdrawn]));
  it('withdraws a slot whose only booking was released', () =>
    given(slotDecider, [published(), reserved('r1'), released('r1')]).when(withdraw).then([withdrawn]));
  it('withdraws a slot that is only held (the hold goes with it)', () => given(slotDecider, [published(), held('h1')]).when(withdraw).then([withdrawn]));
  it('refuses while the slot has a live booking', () =>
    given(slotDecider, [published({ capacity: 3 }), reserved('r1')]).when(withdraw).thenFails('slot_has_bookings'));
  it('withdrawing again changes nothing', () => given(slotDecider, [published(), withdrawn]).when(withdraw).then([]));
  it('refuses an unknown slot', () => given(slotDecider, []).when(withdraw).thenFails('slot_not_found'));
  it('a withdrawn slot is not bookable', () =>
    given(slotDecider, [published(), withdrawn])
      .when(reserve('r1'))
      .then([rejected('r1', 'slot_not_found')]));
});
