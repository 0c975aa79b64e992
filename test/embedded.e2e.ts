import { ApiClient, slotInput, uniqueKey } from './support/api-client';
import { publishSlots } from './support/actors';
import { EmbeddedPlatform } from './support/embedded-platform';
import { storedEvents } from './support/stored-events';
import { tokenFor } from './support/tokens';

describe('embedded platform (one process, SQLite, in-process bus)', () => {
  const platform = new EmbeddedPlatform();
  let api: ApiClient;
  let practice: ApiClient;

  const start = async () => {
    await platform.start();
    api = platform.api;
    practice = api.withToken(await tokenFor('A81001'));
  };

  beforeAll(start);
  afterAll(() => platform.destroy());

  /** Publishes as A81001's provider-admin (only that role may publish). */
  const publish = (slots: unknown[]) => publishSlots(api, 'A81001', slots);
  const book = (client: ApiClient, slotId: string, nhsNumber = '9434765919', headers?: Record<string, string>) =>
    client.post('/appointments', { slotId, patient: { nhsNumber }, description: 'Blood test' }, headers);

  it('publishes a slot, books it, and shows it in the registry and the notifications', async () => {
    const [slot] = await publish([slotInput('A81001')]);
    expect(slot.status).toBe('free');

    const window = `start=${encodeURIComponent(new Date(Date.parse(slot.start) - 60_000).toISOString())}&end=${encodeURIComponent(new Date(Date.parse(slot.start) + 60_000).toISOString())}`;
    const search = await practice.get(`/slots?organisation=A81001&serviceType=phlebotomy&${window}`);
    expect(search.body.items.map((s: { id: string }) => s.id)).toContain(slot.id);

    const booked = await book(practice, slot.id, '9990000018');
    expect(booked.status).toBe(201);
    expect(booked.body).toMatchObject({ status: 'booked', slotId: slot.id, organisation: 'A81001', patient: { nhsNumber: '9990000018' }, description: 'Blood test', version: 2 });
    expect(booked.body.start).toBe(slot.start);
    expect(booked.headers.get('location')).toBe(`/appointments/${booked.body.id}`);
    expect(booked.headers.get('etag')).toBe('"2"');

    const fetched = await practice.get(`/appointments/${booked.body.id}`);
    expect(fetched.status).toBe(200);
    expect(fetched.body.status).toBe('booked');

    const registry = await practice.get('/registry/patients/9990000018/appointments');
    expect(registry.body.items).toEqual([
      expect.objectContaining({ appointmentId: booked.body.id, status: 'booked', organisation: 'A81001', start: slot.start }),
    ]);

    const notifications = await practice.get(`/notifications?appointment=${booked.body.id}`);
    expect(notifications.body.items).toEqual([
      // The booking gave no contact details: the patient's confirmation is recorded, failed, for the practice to see.
      expect.objectContaining({ appointmentId: booked.body.id, kind: 'confirmation', recipient: { role: 'patient' }, status: 'failed', reason: 'no_contact_details' }),
    ]);

    const after = await practice.get(`/slots?organisation=A81001&${window}`);
    expect(after.body.items.map((s: { id: string }) => s.id)).not.toContain(slot.id);
  });

  it('gives exactly one 201 and one 409 for two concurrent bookings of a capacity-1 slot', async () => {
    const [slot] = await publish([slotInput('A81001')]);
    const results = await Promise.all([book(practice, slot.id, '9434765919'), book(practice, slot.id, '4010232137')]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
    const refused = results.find((r) => r.status === 409)!;
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect(refused.body).toMatchObject({ status: 409, code: 'slot_full' });
  });

  it('lets a clinic slot take as many bookings as its capacity', async () => {
    const [slot] = await publish([slotInput('A81001', { capacity: 3 })]);
    const results = await Promise.all(['9434765919', '4010232137', '9000000009', '9990000018'].map((n) => book(practice, slot.id, n)));
    expect(results.map((r) => r.status).sort()).toEqual([201, 201, 201, 409]);
  });

  it('answers a retried POST with the same Idempotency-Key with the first booking, never booking twice', async () => {
    const [slot] = await publish([slotInput('A81001', { capacity: 2 })]);
    const key = uniqueKey();
    const first = await book(practice, slot.id, '9434765919', { 'idempotency-key': key });
    const retry = await book(practice, slot.id, '9434765919', { 'idempotency-key': key });
    expect(first.status).toBe(201);
    expect(retry.status).toBe(201);
    expect(retry.body.id).toBe(first.body.id);
    expect((await practice.get(`/slots/${slot.id}`)).body.remaining).toBe(1);
    const other = await book(practice, slot.id, '4010232137', { 'idempotency-key': key });
    expect(other.status).toBe(422);
    expect(other.body.code).toBe('idempotency_key_reused');
  });

  it('refuses a slot its bookableBy rule does not admit, and admits a federation member', async () => {
    const [slot] = await publish([slotInput('A81001', { bookableBy: { federations: ['F1'] } })]);
    const outsider = api.withToken(await tokenFor('B82002'));
    const member = api.withToken(await tokenFor('B82003', 'booker', { federations: ['F1'] }));
    const search = await outsider.get(`/slots?organisation=A81001`);
    expect(search.body.items.map((s: { id: string }) => s.id)).not.toContain(slot.id);
    expect((await outsider.get(`/slots/${slot.id}`)).status).toBe(404);
    expect((await member.get(`/slots/${slot.id}`)).status).toBe(200);
    // A slot the caller may not book answers exactly as a missing one.
    const refused = await book(outsider, slot.id);
    expect(refused.status).toBe(404);
    expect(refused.body.code).toBe('slot_not_found');
    expect((await book(member, slot.id)).status).toBe(201);
  });

  it('answers 404 slot_not_found for a made-up slot id, booked or moved to, and stores nothing under that id', async () => {
    const madeUp = `made-up-${uniqueKey()}`;
    const response = await book(practice, madeUp);
    expect(response.status).toBe(404);
    expect(response.body.code).toBe('slot_not_found');
    const [slot] = await publish([slotInput('A81001')]);
    const booked = await book(practice, slot.id);
    const moved = await practice.post(`/appointments/${booked.body.id}/reschedule`, { slotId: madeUp });
    expect(moved.status).toBe(404);
    expect(moved.body.code).toBe('slot_not_found');

    const slotEvents = storedEvents(platform.dataDir, 'slot-service');
    expect(slotEvents.filter((e) => e.streamId === `slot-${madeUp}`)).toEqual([]);
    // The saga still got its refusals, stored under each reservation.
    expect(slotEvents.filter((e) => e.data.slotId === madeUp).map((e) => [e.streamId.startsWith('reservation-refusal-'), e.type, e.data.reason])).toEqual([
      [true, 'SlotReservationRejected', 'slot_not_found'],
      [true, 'SlotReservationRejected', 'slot_not_found'],
    ]);
  });

  it('answers a booking of a slot the caller may not see exactly as one of a missing slot, apart from the ids', async () => {
    const [hidden] = await publish([slotInput('A81001', { bookableBy: { organisations: ['A81001'] } })]);
    const outsider = api.withToken(await tokenFor('B82002'));
    const answerTo = async (slotId: string) => {
      const answer = await book(outsider, slotId);
      const text = JSON.stringify(answer.body).replaceAll(answer.body.appointmentId, '<appointment>').replaceAll(slotId, '<slot>');
      return { status: answer.status, contentType: answer.headers.get('content-type'), text };
    };
    const [refused, missing] = [await answerTo(hidden.id), await answerTo(`made-up-${uniqueKey()}`)];
    expect(refused).toEqual(missing);
    expect(refused.status).toBe(404);
  });

  describe('bad input and access', () => {
    it('names patient.nhsNumber when the modulus-11 check fails', async () => {
      const response = await book(practice, 'any', '9434765918');
      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      expect(response.body).toMatchObject({ type: expect.any(String), title: expect.any(String), status: 400, detail: expect.any(String) });
      expect(response.body.errors).toEqual([{ field: 'patient.nhsNumber', message: expect.stringContaining('modulus-11') }]);
    });

    it('refuses a description over 100 characters instead of truncating it', async () => {
      const response = await practice.post('/appointments', { slotId: 's', patient: { nhsNumber: '9434765919' }, description: 'x'.repeat(101) });
      expect(response.status).toBe(400);
      expect(response.body.errors).toEqual([expect.objectContaining({ field: 'description' })]);
    });

    it('names each bad slot field by its path', async () => {
      const admin = api.withToken(await tokenFor('A81001', 'provider-admin'));
      const response = await admin.post('/slots', { slots: [slotInput('A81001', { end: 'tomorrow', deliveryChannel: 'carrier-pigeon' })] });
      expect(response.status).toBe(400);
      expect(response.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['slots[0].deliveryChannel', 'slots[0].end']);
    });

    it('refuses unknown fields rather than dropping them', async () => {
      const response = await practice.post('/appointments', { slotId: 's', patient: { nhsNumber: '9434765919' }, description: 'd', urgent: true });
      expect(response.status).toBe(400);
      expect(response.body.errors).toEqual([expect.objectContaining({ field: 'urgent' })]);
    });

    it('answers malformed JSON with a problem, not a 500', async () => {
      const response = await fetch(`${platform.url}/appointments`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${await tokenFor('A81001')}` },
        body: '{"slotId":',
      });
      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
    });

    it('answers 401 without a token and with a forged one', async () => {
      expect((await api.get('/slots')).status).toBe(401);
      const forged = (await tokenFor('A81001')).slice(0, -4) + 'AAAA';
      const response = await api.withToken(forged).get('/slots');
      expect(response.status).toBe(401);
      expect(response.body.title).toBe('Not authenticated');
    });

    it('lets an auditor read but not book', async () => {
      const auditor = api.withToken(await tokenFor('X26', 'auditor', { orgType: 'auditor' }));
      const response = await book(auditor, 'any');
      expect(response.status).toBe(403);
    });

    it('refuses to publish slots for another organisation, and to publish at all without provider-admin', async () => {
      const admin = api.withToken(await tokenFor('A81001', 'provider-admin'));
      expect((await admin.post('/slots', { slots: [slotInput('B82002')] })).status).toBe(403);
      for (const role of ['booker', 'clinician'] as const) {
        const refused = await api.withToken(await tokenFor('A81001', role)).post('/slots', { slots: [slotInput('A81001')] });
        expect([role, refused.status, refused.body.code]).toEqual([role, 403, 'publish_not_allowed']);
      }
    });

    it('hides an appointment from an unrelated organisation as 404', async () => {
      const [slot] = await publish([slotInput('A81001')]);
      const booked = await book(practice, slot.id);
      const stranger = api.withToken(await tokenFor('C83003'));
      expect((await stranger.get(`/appointments/${booked.body.id}`)).status).toBe(404);
      expect((await stranger.get(`/notifications?appointment=${booked.body.id}`)).body.items).toEqual([]);
    });

    it('echoes the caller’s correlation id, and gives one to a request without', async () => {
      const given = await practice.request('GET', '/slots', undefined, { 'x-correlation-id': 'trace-123' });
      expect(given.headers.get('x-correlation-id')).toBe('trace-123');
      const fresh = await practice.get('/slots');
      expect(fresh.headers.get('x-correlation-id')).toMatch(/^[0-9a-f-]{36}$/);
    });

    it('answers health without a token', async () => {
      const response = await api.get('/health');
      expect(response.status).toBe(200);
      expect(response.body.services).toEqual({
        'slot-service': 'up',
        'booking-service': 'up',
        'registry-service': 'up',
        'notification-service': 'up',
      });
    });
  });

  it('keeps everything across a restart', async () => {
    const [slot, spare] = await publish([slotInput('A81001'), slotInput('A81001')]);
    const booked = await book(practice, slot.id, '9000000009');
    expect(booked.status).toBe(201);

    await platform.stop();
    await start();

    expect((await practice.get(`/appointments/${booked.body.id}`)).body).toMatchObject({ status: 'booked', version: 2 });
    const registry = await practice.get('/registry/patients/9000000009/appointments');
    expect(registry.body.items.map((e: { appointmentId: string }) => e.appointmentId)).toContain(booked.body.id);
    expect((await practice.get(`/notifications?appointment=${booked.body.id}`)).body.items).toHaveLength(1);
    expect((await practice.get(`/slots/${slot.id}`)).body).toMatchObject({ status: 'full', remaining: 0 });
    // The saga keeps working after the restart, and the taken slot stays taken.
    expect((await book(practice, slot.id, '9434765919')).status).toBe(409);
    expect((await book(practice, spare.id, '9434765919')).status).toBe(201);
  });
});
