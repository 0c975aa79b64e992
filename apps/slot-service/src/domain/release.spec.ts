import { given } from '@app/eventstore/testing/given-when-then';
import type { SlotReleaseReason } from './slot.events';
import { slotDecider } from './slot.decider';
import { published, rejected, released, reserve, reserved } from './testing/slot-fixtures';

const release = (reservationId: string, reason: SlotReleaseReason = 'cancelled') => ({
  type: 'ReleaseSlot' as const,
  slotId: 's1',
  reservationId,
  reason,
});

describe('releasing a place', () => {
  it('releases a live reservation, recording the reason', () => {
    for (const reason of ['cancelled', 'rescheduled', 'timeout'] as const) {
      given(slotDecider, [published(), reserved('r1')]).when(release('r1', reason)).then([released('r1', reason)]);
    }
  });
  it('gives the place back', () =>
    given(slotDecider, [published(), reserved('r1'), released('r1')]).when(reserve('r2')).then([reserved('r2')]));
  it('releases only the named reservation', () =>
    given(slotDecider, [published({ capacity: 2 }), reserved('r1'), reserved('r2'), released('r1')]).when(release('r2')).then([released('r2')]));
  it('an already released reservation changes nothing (redelivery)', () =>
    given(slotDecider, [published(), reserved('r1'), released('r1')]).when(release('r1')).then([]));
  it('an unknown reservation changes nothing', () => given(slotDecider, [published(), reserved('r1')]).when(release('r9')).then([]));
  it('a refused reservation changes nothing', () =>
    given(slotDecider, [published(), reserved('r1'), rejected('r2', 'slot_full')]).when(release('r2')).then([]));
  it('an unknown slot changes nothing', () => given(slotDecider, []).when(release('r1')).then([]));
});
