import { appointment, bookingServiceForSuite, eventually, sleep } from './testing/booking-service.harness';
import { bookingReservationId } from './application/booking-streams';

/** The saga's hard paths, with the test playing the slot-service: timeouts, reschedules and rebooks. */
describe('booking-service: saga (the test plays the slot-service over the in-process bus)', () => {
  const service = bookingServiceForSuite({ confirmTimeoutMs: 300, deadlineMs: 800 });

  const book = async (organisation = 'A81001', options: Parameters<typeof service.slots.publish>[1] = {}) => {
    const slot = service.slots.publish(organisation, options);
    const response = await (await service.as(organisation)).post('/appointments', appointment(slot.slotId));
    expect(response.status).toBe(201);
    return { slot, appointment: response.body as { id: string; version: number } };
  };

  describe('a booking nobody answers', () => {
    it('is rejected with reason timeout at its deadline, and its reservation released when it comes late', async () => {
      const slot = service.slots.publish('A81001', { silent: true });
      const practice = await service.as('A81001');
      const pending = await practice.post('/appointments', appointment(slot.slotId));
      expect(pending.status).toBe(202);
      const id = pending.body.id as string;

      const rejected = await eventually(() => practice.get(`/appointments/${id}`), (r) => r.body.status !== 'pending', 5000, 50);
      expect(rejected.body).toMatchObject({ status: 'rejected', rejectionReason: 'timeout', version: 2 });
      const reservationId = bookingReservationId(id);
      expect(service.slots.releases).toContainEqual({ bookingId: id, reservationId, slotId: slot.slotId, reason: 'timeout' });

      await service.slots.answerLate(reservationId);
      await sleep(200);
      const after = await practice.get(`/appointments/${id}`);
      expect(after.body).toMatchObject({ status: 'rejected', version: 2 });
      expect(await service.stream(`booking-${id}`)).toHaveLength(2);
    });

    it('times out after a restart too: the deadline is rebuilt from the events', async () => {
      const slot = service.slots.publish('A81001', { silent: true });
      const practice = await service.as('A81001');
      const pending = await practice.post('/appointments', appointment(slot.slotId));
      expect(pending.status).toBe(202);
      await service.stop();
      await sleep(900);
      await service.restart();
      const rejected = await eventually(async () => (await service.as('A81001')).get(`/appointments/${pending.body.id}`), (r) => r.body.status !== 'pending', 5000, 50);
      expect(rejected.body).toMatchObject({ status: 'rejected', rejectionReason: 'timeout' });
      expect(service.slots.releases).toContainEqual(expect.objectContaining({ bookingId: pending.body.id, reason: 'timeout' }));
      const [, timedOut] = await service.stream(`booking-${pending.body.id}`);
      expect(timedOut.actor).toMatchObject({ organisation: 'booking-service', role: 'system' });
      expect(timedOut.correlationId).toBe((await service.stream(`booking-${pending.body.id}`))[0].correlationId);
    });
  });

  describe('reschedule', () => {
    it('moves the appointment: the new place reserved first, then the old one released', async () => {
      const { slot, appointment: booked } = await book();
      const target = service.slots.publish('A81001', { minutesAhead: 48 * 60 });
      const moved = await (await service.as('A81001')).post(`/appointments/${booked.id}/reschedule`, { slotId: target.slotId });
      expect(moved.status).toBe(200);
      expect(moved.headers.etag).toBe('"3"');
      expect(moved.body).toMatchObject({ id: booked.id, status: 'booked', slotId: target.slotId, start: target.start, version: 3 });
      const attempt = service.slots.requests.find((r) => r.bookingId === booked.id && r.slotId === target.slotId)!;
      expect(attempt.reservationId).not.toBe(bookingReservationId(booked.id));
      expect(service.slots.used(target.slotId)).toEqual([attempt.reservationId]);
      expect(service.slots.used(slot.slotId)).toEqual([]);
      expect(service.slots.releases).toContainEqual({ bookingId: booked.id, reservationId: bookingReservationId(booked.id), slotId: slot.slotId, reason: 'rescheduled' });
    });

    it('a refused slot leaves the appointment untouched: same slot, same version, old place kept', async () => {
      const { slot, appointment: booked } = await book();
      const full = service.slots.publish('B82002');
      await (await service.as('B82002')).post('/appointments', appointment(full.slotId, '4010232137'));
      const practice = await service.as('A81001');
      const refused = await practice.post(`/appointments/${booked.id}/reschedule`, { slotId: full.slotId });
      expect(refused.status).toBe(409);
      expect(refused.body).toMatchObject({ code: 'slot_full', appointmentId: booked.id, rescheduleId: expect.any(String) });
      const missing = await practice.post(`/appointments/${booked.id}/reschedule`, { slotId: 'no-such-slot' });
      expect(missing.status).toBe(404);
      expect(missing.body.code).toBe('slot_not_found');

      const after = await practice.get(`/appointments/${booked.id}`);
      expect(after.headers.etag).toBe('"2"');
      expect(after.body).toMatchObject({ slotId: slot.slotId, version: 2, status: 'booked' });
      expect(await service.stream(`booking-${booked.id}`)).toHaveLength(2);
      expect(service.slots.used(slot.slotId)).toEqual([bookingReservationId(booked.id)]);
      expect(service.slots.releases.filter((r) => r.bookingId === booked.id)).toEqual([]);
    });

    it('an unanswered attempt times out: 202 to poll, then timed-out; the appointment keeps its slot and a late place is released', async () => {
      const { slot, appointment: booked } = await book();
      const silent = service.slots.publish('A81001', { silent: true, minutesAhead: 48 * 60 });
      const practice = await service.as('A81001');
      const undecided = await practice.post(`/appointments/${booked.id}/reschedule`, { slotId: silent.slotId });
      expect(undecided.status).toBe(202);
      expect(undecided.headers.location).toMatch(new RegExp(`^/appointments/${booked.id}/reschedules/`));

      const busy = await practice.post(`/appointments/${booked.id}/reschedule`, { slotId: slot.slotId });
      expect(busy.status).toBe(409);
      expect(busy.body.code).toBe('reschedule_in_progress');

      const attempt = await eventually(() => practice.get(undecided.headers.location as string), (r) => r.body.status !== 'requested', 5000, 50);
      expect(attempt.body).toMatchObject({ bookingId: booked.id, slotId: silent.slotId, status: 'timed-out', reason: 'timeout' });
      const rescheduleId = attempt.body.id as string;
      expect(service.slots.releases).toContainEqual({ bookingId: booked.id, reservationId: rescheduleId, slotId: silent.slotId, reason: 'timeout' });

      await service.slots.answerLate(rescheduleId);
      await sleep(200);
      const after = await practice.get(`/appointments/${booked.id}`);
      expect(after.body).toMatchObject({ slotId: slot.slotId, version: 2 });
      expect(service.slots.used(slot.slotId)).toEqual([bookingReservationId(booked.id)]);
    });

    it('a repeat under the same Idempotency-Key answers like the first and reserves once', async () => {
      const { appointment: booked } = await book();
      const target = service.slots.publish('A81001', { minutesAhead: 48 * 60, capacity: 3 });
      const practice = await service.as('A81001');
      const first = await practice.post(`/appointments/${booked.id}/reschedule`, { slotId: target.slotId }, { 'idempotency-key': 'move-1' });
      const repeat = await practice.post(`/appointments/${booked.id}/reschedule`, { slotId: target.slotId }, { 'idempotency-key': 'move-1' });
      expect([first.status, repeat.status]).toEqual([200, 200]);
      expect(repeat.body.version).toBe(3);
      expect(service.slots.used(target.slotId)).toHaveLength(1);
      const other = await practice.post(`/appointments/${booked.id}/reschedule`, { slotId: 'elsewhere' }, { 'idempotency-key': 'move-1' });
      expect(other.status).toBe(422);
      expect(other.body.code).toBe('idempotency_key_reused');
    });

    it('an appointment cancelled while its reschedule waits does not move, and the new place is given back', async () => {
      const { appointment: booked } = await book();
      const silent = service.slots.publish('A81001', { silent: true, minutesAhead: 48 * 60 });
      const practice = await service.as('A81001');
      const undecided = await practice.post(`/appointments/${booked.id}/reschedule`, { slotId: silent.slotId });
      expect(undecided.status).toBe(202);
      expect((await practice.post(`/appointments/${booked.id}/cancel`, { reason: 'patient better' })).status).toBe(200);
      const attemptId = (undecided.headers.location as string).split('/').pop()!;
      await service.slots.answerLate(attemptId);
      const attempt = await eventually(() => practice.get(undecided.headers.location as string), (r) => r.body.status === 'abandoned', 5000, 50);
      expect(attempt.body).toMatchObject({ status: 'abandoned', reason: 'booking_cancelled' });
      expect(service.slots.used(silent.slotId)).toEqual([]);
      expect((await practice.get(`/appointments/${booked.id}`)).body).toMatchObject({ status: 'cancelled', slotId: expect.not.stringMatching(silent.slotId) });
    });

    it('refuses a cancelled appointment (422) and an unknown one (404)', async () => {
      const { appointment: booked } = await book();
      const practice = await service.as('A81001');
      await practice.post(`/appointments/${booked.id}/cancel`, { reason: 'no longer needed' });
      const refused = await practice.post(`/appointments/${booked.id}/reschedule`, { slotId: 'any' });
      expect(refused.status).toBe(422);
      expect(refused.body.code).toBe('booking_not_reschedulable');
      expect((await practice.post(`/appointments/no-such/reschedule`, { slotId: 'any' })).status).toBe(404);
    });
  });

  describe('rebook after reassessment', () => {
    it('books the new appointment first, then cancels the old one as superseded; both point at each other', async () => {
      const { slot: oldSlot, appointment: old } = await book('A81001');
      const newSlot = service.slots.publish('UTC001', { minutesAhead: 120 });
      const urgentCare = await service.as('NHS111', 'booker', { orgType: 'urgent-care' });
      const rebooked = await urgentCare.post(`/appointments/${old.id}/rebook`, { slotId: newSlot.slotId, reason: 'worse on reassessment' });
      expect(rebooked.status).toBe(201);
      expect(rebooked.headers.location).toBe(`/appointments/${rebooked.body.id}`);
      expect(rebooked.body).toMatchObject({
        status: 'booked',
        slotId: newSlot.slotId,
        organisation: 'UTC001',
        supersedes: old.id,
        rebookReason: 'worse on reassessment',
        description: 'Blood test',
        patient: { nhsNumber: '9434765919' },
        bookedBy: { organisation: 'NHS111', organisationType: 'urgent-care' },
      });

      const replaced = await urgentCare.get(`/appointments/${old.id}`);
      expect(replaced.body).toMatchObject({ status: 'cancelled', cancellationReason: 'superseded', supersededBy: rebooked.body.id, version: 3 });
      expect(service.slots.used(oldSlot.slotId)).toEqual([]);
      expect(service.slots.releases).toContainEqual({ bookingId: old.id, reservationId: bookingReservationId(old.id), slotId: oldSlot.slotId, reason: 'cancelled' });

      const history = await urgentCare.get(`/appointments/${rebooked.body.id}/history`);
      expect(history.body.items[0]).toMatchObject({
        type: 'BookingRequested',
        reason: 'worse on reassessment',
        actor: { org: 'NHS111', orgType: 'urgent-care', role: 'booker' },
        data: expect.objectContaining({ supersedes: old.id }),
      });
      const oldHistory = await urgentCare.get(`/appointments/${old.id}/history`);
      expect(oldHistory.body.items.at(-1)).toMatchObject({ type: 'BookingCancelled', reason: 'superseded', data: expect.objectContaining({ supersededBy: rebooked.body.id }) });
    });

    it('takes a new description when given', async () => {
      const { appointment: old } = await book('A81001');
      const newSlot = service.slots.publish('A81001', { minutesAhead: 120 });
      const rebooked = await (await service.as('A81001')).post(`/appointments/${old.id}/rebook`, { slotId: newSlot.slotId, reason: 'reassessed', description: 'Urgent review' });
      expect(rebooked.status).toBe(201);
      expect(rebooked.body.description).toBe('Urgent review');
    });

    it('when the new slot is refused the old appointment stands unchanged', async () => {
      const { slot, appointment: old } = await book('A81001');
      const full = service.slots.publish('UTC001');
      await (await service.as('UTC001')).post('/appointments', appointment(full.slotId, '4010232137'));
      const urgentCare = await service.as('NHS111', 'booker', { orgType: 'urgent-care' });
      const refused = await urgentCare.post(`/appointments/${old.id}/rebook`, { slotId: full.slotId, reason: 'worse' });
      expect(refused.status).toBe(409);
      expect(refused.body.code).toBe('slot_full');
      expect((await urgentCare.post(`/appointments/${old.id}/rebook`, { slotId: 'no-such-slot', reason: 'worse' })).status).toBe(404);
      await sleep(100);
      const stands = await urgentCare.get(`/appointments/${old.id}`);
      expect(stands.body).toMatchObject({ status: 'booked', slotId: slot.slotId, version: 2 });
      expect(stands.body.supersededBy).toBeUndefined();
      expect(service.slots.used(slot.slotId)).toEqual([bookingReservationId(old.id)]);
    });

    it('refuses to rebook a cancelled appointment (422) and needs a reason (400)', async () => {
      const { appointment: old } = await book('A81001');
      const practice = await service.as('A81001');
      expect((await practice.post(`/appointments/${old.id}/rebook`, { slotId: 'x' })).status).toBe(400);
      await practice.post(`/appointments/${old.id}/cancel`, { reason: 'not needed' });
      const refused = await practice.post(`/appointments/${old.id}/rebook`, { slotId: 'x', reason: 'worse' });
      expect(refused.status).toBe(422);
      expect(refused.body.code).toBe('booking_not_rebookable');
    });
  });
});
