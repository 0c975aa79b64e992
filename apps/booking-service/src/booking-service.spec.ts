import { SlotEventTypes, SlotReservedV1, Topics } from '@app/contracts';
import { testEvent } from '../../../libs/messaging/src/testing/bus.contract';
import { appointment, bookingServiceForSuite, eventually } from './testing/booking-service.harness';

/** booking-service on its own (real SQLite, in-process bus): requesting, the saga's answer, idempotent repeats. */
describe('booking-service: booking (the test plays the slot-service over the in-process bus)', () => {
  const service = bookingServiceForSuite({ confirmTimeoutMs: 300 });

  it('books a free slot: 201 with ETag and Location, the whole appointment in the body', async () => {
    const slot = service.slots.publish('A81001');
    const practice = await service.as('A81001');
    const response = await practice.post('/appointments', appointment(slot.slotId, '9434765919', {
      patient: { nhsNumber: '9434765919', name: 'Ada Patient', dateOfBirth: '1950-02-28' },
      comment: 'Prefers mornings',
      reasonableAdjustments: ['wheelchair access'],
    }));
    expect(response.status).toBe(201);
    expect(response.headers.etag).toBe('"2"');
    expect(response.headers.location).toBe(`/appointments/${response.body.id}`);
    expect(response.body).toMatchObject({
      status: 'booked',
      slotId: slot.slotId,
      organisation: 'A81001',
      location: 'Main surgery',
      start: slot.start,
      patient: { nhsNumber: '9434765919', name: 'Ada Patient', dateOfBirth: '1950-02-28' },
      comment: 'Prefers mornings',
      reasonableAdjustments: ['wheelchair access'],
      bookedBy: { organisation: 'A81001', organisationType: 'gp-practice' },
      version: 2,
    });
    expect(response.body.hostFederations).toBeUndefined();
  });

  it('records who, and the request’s correlation id, on the event it appends', async () => {
    const practice = await service.as('A81001');
    const slot = service.slots.publish('A81001');
    const response = await practice.post('/appointments', appointment(slot.slotId, '9990000018'), { 'x-correlation-id': 'call-42' });
    expect(response.headers['x-correlation-id']).toBe('call-42');
    const [requested] = await service.stream(`booking-${response.body.id}`);
    expect(requested).toMatchObject({
      type: 'BookingRequested',
      correlationId: 'call-42',
      actor: { organisation: 'A81001', organisationType: 'gp-practice', user: 'A81001-booker', role: 'booker', federations: [] },
    });
  });

  it('answers 404 slot_not_found for a slot it cannot have, 409 slot_full for a taken one', async () => {
    const practice = await service.as('A81001');
    const missing = await practice.post('/appointments', appointment('no-such-slot'));
    expect(missing.status).toBe(404);
    expect(missing.headers['content-type']).toContain('application/problem+json');
    expect(missing.body).toMatchObject({ status: 404, code: 'slot_not_found', appointmentId: expect.any(String) });
    const slot = service.slots.publish('A81001');
    expect((await practice.post('/appointments', appointment(slot.slotId))).status).toBe(201);
    const taken = await practice.post('/appointments', appointment(slot.slotId, '4010232137'));
    expect(taken.status).toBe(409);
    expect(taken.body.code).toBe('slot_full');
  });

  it('answers 202 with a Location while no slot-service has answered, then settles when one does', async () => {
    const slot = service.slots.publish('A81001', { silent: true });
    const practice = await service.as('A81001');
    const started = Date.now();
    const response = await practice.post('/appointments', appointment(slot.slotId));
    expect(response.status).toBe(202);
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
    expect(response.body).toMatchObject({ status: 'pending', slotId: slot.slotId, version: 1 });
    expect(response.headers.location).toBe(`/appointments/${response.body.id}`);
    expect(response.headers.etag).toBe('"1"');
    const request = service.slots.requests.find((r) => r.bookingId === response.body.id)!;
    expect(request).toMatchObject({ slotId: slot.slotId, requester: { organisation: 'A81001' } });

    const reserved: SlotReservedV1 = { ...slot, deliveryChannel: 'telephone', reservationId: request.reservationId, bookingId: response.body.id };
    const outcome = testEvent(reserved, { type: SlotEventTypes.reserved });
    await service.bus.publish([{ topic: Topics.slotEvents, key: slot.slotId, event: outcome }]);
    // A redelivery of the same outcome changes nothing.
    await service.bus.publish([{ topic: Topics.slotEvents, key: slot.slotId, event: outcome }]);

    const settled = await eventually(() => practice.get(response.headers.location as string), (r) => r.body.status === 'booked', 5000, 50);
    expect(settled.body).toMatchObject({ status: 'booked', start: slot.start, deliveryChannel: 'telephone', version: 2 });
    expect(settled.headers.etag).toBe('"2"');
  });

  describe('bad input: 400 naming the field, never cut', () => {
    it.each([
      ['description', { description: 'x'.repeat(101) }],
      ['description', { description: undefined }],
      ['description', { description: '   ' }],
      ['comment', { comment: 'x'.repeat(501) }],
      ['reasonableAdjustments', { reasonableAdjustments: Array(21).fill('ramp') }],
      ['reasonableAdjustments', { reasonableAdjustments: ['x'.repeat(201)] }],
      ['patient.name', { patient: { nhsNumber: '9434765919', name: 'x'.repeat(201) } }],
      ['patient.dateOfBirth', { patient: { nhsNumber: '9434765919', dateOfBirth: '1950-02-30' } }],
      ['patient.nhsNumber', { patient: { nhsNumber: '9434765918' } }],
    ])('%s', async (field, change) => {
      const response = await (await service.as('A81001')).post('/appointments', { ...appointment('s'), ...change });
      expect(response.status).toBe(400);
      expect(response.body.errors.map((e: { field: string }) => e.field)).toEqual([field]);
    });
  });

  describe('Idempotency-Key', () => {
    it('a repeat from the same organisation answers with the first booking and books once', async () => {
      const slot = service.slots.publish('A81001', { capacity: 2 });
      const practice = await service.as('A81001');
      const first = await practice.post('/appointments', appointment(slot.slotId), { 'idempotency-key': 'key-1' });
      const repeat = await practice.post('/appointments', appointment(slot.slotId), { 'idempotency-key': 'key-1' });
      expect([first.status, repeat.status]).toEqual([201, 201]);
      expect(repeat.body.id).toBe(first.body.id);
      expect(repeat.body.version).toBe(2);
      expect(service.slots.used(slot.slotId)).toHaveLength(1);
    });

    it('concurrent repeats book once', async () => {
      const slot = service.slots.publish('A81001', { capacity: 5 });
      const practice = await service.as('A81001');
      const answers = await Promise.all(Array.from({ length: 5 }, () => practice.post('/appointments', appointment(slot.slotId), { 'idempotency-key': 'key-concurrent' })));
      expect(answers.map((a) => a.status)).toEqual([201, 201, 201, 201, 201]);
      expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
      expect(service.slots.used(slot.slotId)).toHaveLength(1);
      expect(await service.stream(`booking-${answers[0].body.id}`)).toHaveLength(2);
    });

    it('key order and the order of the token’s federations do not make a different request', async () => {
      const slot = service.slots.publish('A81001', { capacity: 2 });
      const first = await (await service.as('A81001', 'booker', { federations: ['F1', 'F2'] })).post(
        '/appointments',
        { slotId: slot.slotId, patient: { nhsNumber: '9434765919', name: 'Ada' }, description: 'Review' },
        { 'idempotency-key': 'key-order' },
      );
      const reordered = await (await service.as('A81001', 'booker', { federations: ['F2', 'F1'] })).post(
        '/appointments',
        { description: 'Review', patient: { name: 'Ada', nhsNumber: '9434765919' }, slotId: slot.slotId },
        { 'idempotency-key': 'key-order' },
      );
      expect(reordered.status).toBe(201);
      expect(reordered.body.id).toBe(first.body.id);
      expect(service.slots.used(slot.slotId)).toHaveLength(1);
    });

    it('a different body under the same key is 422 idempotency_key_reused', async () => {
      const slot = service.slots.publish('A81001', { capacity: 2 });
      const practice = await service.as('A81001');
      await practice.post('/appointments', appointment(slot.slotId), { 'idempotency-key': 'key-reused' });
      const other = await practice.post('/appointments', appointment(slot.slotId, '4010232137'), { 'idempotency-key': 'key-reused' });
      expect(other.status).toBe(422);
      expect(other.body.code).toBe('idempotency_key_reused');
      expect(service.slots.used(slot.slotId)).toHaveLength(1);
    });

    it('the same key from another organisation is another booking', async () => {
      const slot = service.slots.publish('A81001', { capacity: 2 });
      const mine = await (await service.as('A81001')).post('/appointments', appointment(slot.slotId), { 'idempotency-key': 'key-shared' });
      const theirs = await (await service.as('B82002')).post('/appointments', appointment(slot.slotId), { 'idempotency-key': 'key-shared' });
      expect(theirs.status).toBe(201);
      expect(theirs.body.id).not.toBe(mine.body.id);
    });
  });
});
