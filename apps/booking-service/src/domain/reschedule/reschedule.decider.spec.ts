import { given } from '@app/eventstore/testing/given-when-then';
import { before, deadline, duringAppointment, otherSlot, slot } from '../testing/booking-fixtures';
import type { RequestReschedule } from './reschedule.commands';
import { rescheduleDecider } from './reschedule.decider';
import type { RescheduleEvent, RescheduleRequest } from './reschedule.events';

const request: RescheduleRequest = {
  bookingId: 'b1',
  rescheduleId: 'x1',
  slotId: 's2',
  requester: { organisation: 'A81001', organisationType: 'gp-practice', federations: ['F1', 'F2'] },
};
const ask = (changes: Partial<RescheduleRequest> = {}, booking: RequestReschedule['booking'] = { status: 'booked', start: slot.start }, at = before): RequestReschedule => ({
  type: 'RequestReschedule',
  request: { ...request, ...changes },
  booking,
  at,
  deadline,
});
const ref = { bookingId: 'b1', rescheduleId: 'x1', slotId: 's2' };
const requested: RescheduleEvent = { type: 'RescheduleRequested', data: { ...request, deadline: deadline.toISOString() } };
const reserved: RescheduleEvent = { type: 'RescheduleReserved', data: { ...ref, slot: otherSlot } };
const completed: RescheduleEvent = { type: 'RescheduleCompleted', data: ref };
const refused: RescheduleEvent = { type: 'RescheduleRefused', data: { ...ref, reason: 'slot_full' } };
const timedOut: RescheduleEvent = { type: 'RescheduleTimedOut', data: ref };
const afterDeadline = new Date(deadline.getTime() + 1);

describe('reschedule process', () => {
  describe('requesting', () => {
    it('asks for the new place with a deadline', () => given(rescheduleDecider, []).when(ask()).then([requested]));
    it('a repeat appends nothing, whatever the order of the requester’s federations', () =>
      given(rescheduleDecider, [requested]).when(ask({ requester: { ...request.requester, federations: ['F2', 'F1'] } })).then([]));
    it('a different request under the same key is refused', () =>
      given(rescheduleDecider, [requested]).when(ask({ slotId: 's3' })).thenFails('idempotency_key_reused'));
    it('refuses while another attempt is pending', () =>
      given(rescheduleDecider, [requested]).when(ask({ rescheduleId: 'x2' })).thenFails('reschedule_in_progress'));
    it('refuses while another attempt has reserved but not yet moved the appointment', () =>
      given(rescheduleDecider, [requested, reserved]).when(ask({ rescheduleId: 'x2' })).thenFails('reschedule_in_progress'));
    it('allows a new attempt once the last one was refused', () =>
      given(rescheduleDecider, [requested, refused])
        .when(ask({ rescheduleId: 'x2' }))
        .then([{ type: 'RescheduleRequested', data: { ...request, rescheduleId: 'x2', deadline: deadline.toISOString() } }]));
    it('allows a new attempt once the last one completed', () =>
      given(rescheduleDecider, [requested, reserved, completed]).when(ask({ rescheduleId: 'x2' })).then([
        { type: 'RescheduleRequested', data: { ...request, rescheduleId: 'x2', deadline: deadline.toISOString() } },
      ]));
    it('refuses an appointment that is not booked', () =>
      given(rescheduleDecider, []).when(ask({}, { status: 'cancelled', start: slot.start })).thenFails('booking_not_reschedulable'));
    it('refuses a pending booking', () => given(rescheduleDecider, []).when(ask({}, { status: 'pending' })).thenFails('booking_not_reschedulable'));
    it('refuses an appointment that has started', () =>
      given(rescheduleDecider, []).when(ask({}, { status: 'booked', start: slot.start }, duringAppointment)).thenFails('appointment_in_past'));
  });

  describe('the slot-service answers', () => {
    it('records the reserved place', () =>
      given(rescheduleDecider, [requested]).when({ type: 'RecordRescheduleReservation', rescheduleId: 'x1', slot: otherSlot }).then([reserved]));
    it('records a refusal', () =>
      given(rescheduleDecider, [requested]).when({ type: 'RefuseReschedule', rescheduleId: 'x1', reason: 'slot_full' }).then([refused]));
    it('ignores a redelivered reservation', () =>
      given(rescheduleDecider, [requested, reserved]).when({ type: 'RecordRescheduleReservation', rescheduleId: 'x1', slot: otherSlot }).then([]));
    it('ignores a reservation that arrives after the timeout (the slot-service releases it)', () =>
      given(rescheduleDecider, [requested, timedOut]).when({ type: 'RecordRescheduleReservation', rescheduleId: 'x1', slot: otherSlot }).then([]));
    it('ignores an answer for an unknown attempt', () =>
      given(rescheduleDecider, [requested]).when({ type: 'RefuseReschedule', rescheduleId: 'x9', reason: 'slot_full' }).then([]));
  });

  describe('its deadline', () => {
    it('times out an attempt still waiting', () =>
      given(rescheduleDecider, [requested]).when({ type: 'TimeOutReschedule', rescheduleId: 'x1', at: afterDeadline }).then([timedOut]));
    it('does nothing before the deadline', () =>
      given(rescheduleDecider, [requested]).when({ type: 'TimeOutReschedule', rescheduleId: 'x1', at: before }).then([]));
    it('does nothing once the place is reserved', () =>
      given(rescheduleDecider, [requested, reserved]).when({ type: 'TimeOutReschedule', rescheduleId: 'x1', at: afterDeadline }).then([]));
    it('does nothing when fired twice', () =>
      given(rescheduleDecider, [requested, timedOut]).when({ type: 'TimeOutReschedule', rescheduleId: 'x1', at: afterDeadline }).then([]));
  });

  describe('after the booking answered', () => {
    it('completes a reserved attempt once the appointment moved', () =>
      given(rescheduleDecider, [requested, reserved]).when({ type: 'CompleteReschedule', rescheduleId: 'x1' }).then([completed]));
    it('abandons a reserved attempt the appointment could not take', () =>
      given(rescheduleDecider, [requested, reserved])
        .when({ type: 'AbandonReschedule', rescheduleId: 'x1', reason: 'booking_not_booked' })
        .then([{ type: 'RescheduleAbandoned', data: { ...ref, reason: 'booking_not_booked' } }]));
    it('completes only once', () =>
      given(rescheduleDecider, [requested, reserved, completed]).when({ type: 'CompleteReschedule', rescheduleId: 'x1' }).then([]));
    it('cannot complete an attempt that never reserved', () =>
      given(rescheduleDecider, [requested]).when({ type: 'CompleteReschedule', rescheduleId: 'x1' }).then([]));
  });
});
