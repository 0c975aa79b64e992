import { appointment, bookingServiceForSuite, sleep } from './testing/booking-service.harness';

/** Reading appointments: history, as of an instant, a patient's list a page at a time. */
describe('booking-service: reading appointments (the test plays the slot-service over the in-process bus)', () => {
  const service = bookingServiceForSuite({ confirmTimeoutMs: 500 });

  const book = async (nhsNumber = '9434765919', minutesAhead?: number, organisation = 'A81001') => {
    const slot = service.slots.publish(organisation, { minutesAhead });
    const response = await (await service.as(organisation)).post('/appointments', appointment(slot.slotId, nhsNumber));
    expect(response.status).toBe(201);
    return { slot, id: response.body.id as string };
  };

  describe('GET /appointments/:id/history', () => {
    it('tells every change in order, the reschedule process merged in, with who and why; versions are the appointment’s', async () => {
      const { id } = await book();
      const practice = await service.as('A81001');
      await practice.patch(`/appointments/${id}`, { comment: 'ground floor please' }, { 'if-match': '"2"', 'x-correlation-id': 'amend-1' });
      expect((await practice.post(`/appointments/${id}/reschedule`, { slotId: 'no-such-slot' })).status).toBe(404);
      const target = service.slots.publish('A81001', { minutesAhead: 3 * 24 * 60 });
      expect((await practice.post(`/appointments/${id}/reschedule`, { slotId: target.slotId })).status).toBe(200);

      const auditor = await service.as('AUD01', 'auditor', { orgType: 'auditor' });
      const history = await auditor.get(`/appointments/${id}/history`);
      expect(history.status).toBe(200);
      expect(history.body.items.map((item: { type: string; version: number }) => [item.type, item.version])).toEqual([
        ['BookingRequested', 1],
        ['BookingConfirmed', 2],
        ['BookingAmended', 3],
        ['RescheduleRequested', 3],
        ['RescheduleRefused', 3],
        ['RescheduleRequested', 3],
        ['RescheduleReserved', 3],
        ['BookingRescheduled', 4],
        ['RescheduleCompleted', 4],
      ]);
      const [requested, , amended, , refused] = history.body.items;
      expect(requested).toMatchObject({ actor: { sub: 'A81001-booker', org: 'A81001', orgType: 'gp-practice', role: 'booker' }, data: { slotId: expect.any(String) } });
      expect(amended).toMatchObject({ correlationId: 'amend-1', causationId: expect.any(String), data: { comment: 'ground floor please' } });
      expect(refused).toMatchObject({ reason: 'slot_not_found' });
      expect(requested.reason).toBeUndefined();
      expect(Object.keys(requested).sort()).toEqual(['actor', 'causationId', 'correlationId', 'data', 'occurredAt', 'type', 'version']);
    });

    it('is 404 for those who may not read the appointment', async () => {
      const { id } = await book();
      expect((await (await service.as('C83003')).get(`/appointments/${id}/history`)).status).toBe(404);
      expect((await (await service.as('C83003')).get(`/appointments/no-such/history`)).status).toBe(404);
    });
  });

  describe('GET /appointments/:id?asOf=', () => {
    it('shows the appointment as it was then: 404 before it existed', async () => {
      const beforeIt = new Date().toISOString();
      await sleep(5);
      const { id } = await book();
      await sleep(5);
      const booked = new Date().toISOString();
      await sleep(5);
      const practice = await service.as('A81001');
      await practice.patch(`/appointments/${id}`, { description: 'Fasting blood test' }, { 'if-match': '"2"' });

      const then = await practice.get(`/appointments/${id}?asOf=${encodeURIComponent(booked)}`);
      expect(then.status).toBe(200);
      expect(then.headers.etag).toBe('"2"');
      expect(then.body).toMatchObject({ status: 'booked', description: 'Blood test', version: 2 });
      const now = await practice.get(`/appointments/${id}?asOf=${encodeURIComponent(new Date().toISOString())}`);
      expect(now.body).toEqual((await practice.get(`/appointments/${id}`)).body);
      const earlier = await practice.get(`/appointments/${id}?asOf=${encodeURIComponent(beforeIt)}`);
      expect(earlier.status).toBe(404);
    });

    it('takes an instant with an offset only', async () => {
      const { id } = await book();
      const response = await (await service.as('A81001')).get(`/appointments/${id}?asOf=2030-01-01T10:00:00`);
      expect(response.status).toBe(400);
      expect(response.body.errors).toEqual([expect.objectContaining({ field: 'asOf' })]);
      expect((await (await service.as('A81001')).get(`/appointments/${id}?asOf=2030-01-01T10:00:00%2B01:00`)).status).toBe(200);
    });

    it('is 404 for those who may not read it, at any instant', async () => {
      const { id } = await book();
      expect((await (await service.as('C83003')).get(`/appointments/${id}?asOf=${encodeURIComponent(new Date().toISOString())}`)).status).toBe(404);
    });
  });

  describe('GET /appointments?patient=', () => {
    const patient = '9000000009';
    let ids: string[];
    beforeAll(async () => {
      // Booked out of order; one at another, unrelated practice.
      const days = [5, 2, 4, 1, 3];
      ids = [];
      for (const day of days) ids.push((await book(patient, day * 24 * 60)).id);
      await book(patient, 6 * 24 * 60, 'Z99999');
      await (await service.as('A81001')).post(`/appointments/${ids[4]}/cancel`, { reason: 'not needed' });
    });
    const byStart = () => [ids[3], ids[1], ids[4], ids[2], ids[0]];

    it('lists what the caller may see, by start, a page at a time', async () => {
      const practice = await service.as('A81001');
      const first = await practice.get(`/appointments?patient=${patient}&limit=2`);
      expect(first.status).toBe(200);
      expect(first.body.items.map((a: { id: string }) => a.id)).toEqual(byStart().slice(0, 2));
      const second = await practice.get(`/appointments?patient=${patient}&limit=2&cursor=${first.body.next}`);
      expect(second.body.items.map((a: { id: string }) => a.id)).toEqual(byStart().slice(2, 4));
      const last = await practice.get(`/appointments?patient=${patient}&limit=2&cursor=${second.body.next}`);
      expect(last.body.items.map((a: { id: string }) => a.id)).toEqual(byStart().slice(4));
      expect(last.body.next).toBeUndefined();
    });

    it('filters by status and by a window on the start', async () => {
      const practice = await service.as('A81001');
      const cancelled = await practice.get(`/appointments?patient=${patient}&status=cancelled`);
      expect(cancelled.body.items.map((a: { id: string }) => a.id)).toEqual([ids[4]]);
      const booked = await practice.get(`/appointments?patient=${patient}&status=booked,cancelled`);
      expect(booked.body.items).toHaveLength(5);
      const from = new Date(Date.now() + 1.5 * 24 * 3600_000).toISOString();
      const to = new Date(Date.now() + 3.5 * 24 * 3600_000).toISOString();
      const window = await practice.get(`/appointments?patient=${patient}&from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`);
      expect(window.body.items.map((a: { id: string }) => a.id)).toEqual([ids[1], ids[4]]);
    });

    it('shows an auditor and an urgent-care service every appointment, a stranger none', async () => {
      const auditor = await service.as('AUD01', 'auditor', { orgType: 'auditor' });
      expect((await auditor.get(`/appointments?patient=${patient}`)).body.items).toHaveLength(6);
      const urgentCare = await service.as('NHS111', 'booker', { orgType: 'urgent-care' });
      expect((await urgentCare.get(`/appointments?patient=${patient}`)).body.items).toHaveLength(6);
      expect((await (await service.as('C83003')).get(`/appointments?patient=${patient}`)).body).toEqual({ items: [] });
    });

    it('400 naming a missing patient, an unknown status, a bad cursor or limit', async () => {
      const practice = await service.as('A81001');
      const field = async (query: string) => (await practice.get(`/appointments?${query}`)).body.errors?.map((e: { field: string }) => e.field);
      expect(await field('status=booked')).toContain('patient');
      expect(await field(`patient=${patient}&status=lost`)).toEqual(['status']);
      expect(await field(`patient=${patient}&cursor=nonsense`)).toEqual(['cursor']);
      expect(await field(`patient=${patient}&limit=501`)).toEqual(['limit']);
      expect(await field(`patient=${patient}&from=tomorrow`)).toEqual(['from']);
    });
  });
});
