import { randomUUID } from 'node:crypto';
import { ApiClient, slotInput, testNhsNumber, uniqueKey } from './support/api-client';
import { actors, publishSlots } from './support/actors';
import { EmbeddedPlatform } from './support/embedded-platform';
import { eventually, sleep } from './support/eventually';

const holdTtlSeconds = 3;
const holdLimitPerOrg = 3;

/** Slot control on the embedded platform: publishing, search, embargo, withdrawal and holds, over HTTP. */
describe('slot control (embedded platform)', () => {
  const platform = new EmbeddedPlatform({ holdTtlSeconds, holdLimitPerOrg });
  let as: ReturnType<typeof actors>;
  let api: ApiClient;

  beforeAll(async () => {
    await platform.start();
    api = platform.api;
    as = actors(api);
  });
  afterAll(() => platform.destroy());

  /** A service type no other test uses, so a search sees only this test's slots. */
  const serviceType = () => `svc-${randomUUID().slice(0, 8)}`;
  const ids = (response: { body: { items: { id: string }[] } }) => response.body.items.map((slot) => slot.id);
  const book = (client: ApiClient, slotId: string, extra: Record<string, unknown> = {}, headers?: Record<string, string>) =>
    client.post('/appointments', { slotId, patient: { nhsNumber: testNhsNumber() }, description: 'Blood test', ...extra }, headers);
  const publishOne = async (organisation: string, overrides: Record<string, unknown> = {}) =>
    (await publishSlots(api, organisation, [slotInput(organisation, overrides)]))[0];
  const remaining = async (slotId: string, organisation: string) => (await (await as(organisation, 'provider-admin')).get(`/slots/${slotId}`)).body.remaining;

  describe('publishing', () => {
    it('keeps every field and shows the remaining capacity', async () => {
      const input = slotInput('A81001', {
        location: 'Room 4, Riverside Surgery',
        practitionerRole: 'Practice nurse',
        capacity: 3,
        bookableBy: { organisationTypes: ['gp-practice'], federations: ['F-NORTH'] },
        visibleFrom: new Date(Date.now() - 60_000).toISOString(),
      });
      const [slot] = await publishSlots(api, 'A81001', [input], { federations: ['F-HOST'] });
      expect(slot).toMatchObject({
        ...input,
        id: expect.any(String),
        capacity: 3,
        remaining: 3,
        status: 'free',
        federations: ['F-HOST'],
      });
      const booker = await as('A81001', 'booker');
      expect((await book(booker, slot.id)).status).toBe(201);
      const after = await eventually(() => booker.get(`/slots/${slot.id}`), (r) => r.body.remaining === 2, 5000);
      expect(after.body).toMatchObject({ capacity: 3, remaining: 2, status: 'free' });
    });

    it('defaults the capacity to 1 and shows a full slot as full', async () => {
      const slot = await publishOne('A81001');
      expect(slot).toMatchObject({ capacity: 1, remaining: 1, status: 'free' });
      const booker = await as('A81001');
      expect((await book(booker, slot.id)).status).toBe(201);
      const after = await eventually(() => booker.get(`/slots/${slot.id}`), (r) => r.body.status === 'full', 5000);
      expect(after.body).toMatchObject({ remaining: 0, status: 'full' });
    });

    it('refuses a whole batch when one slot breaks a domain rule, naming it, and publishes none', async () => {
      const type = serviceType();
      const good = slotInput('A81001', { serviceType: type });
      const endBeforeStart = slotInput('A81001', { serviceType: type });
      endBeforeStart.end = new Date(Date.parse(endBeforeStart.start) - 60_000).toISOString();
      const admin = await as('A81001', 'provider-admin');
      const response = await admin.post('/slots', { slots: [good, good, endBeforeStart] });
      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      expect(response.body.errors).toEqual([expect.objectContaining({ field: 'slots[2].end' })]);
      expect(ids(await admin.get(`/slots?organisation=A81001&serviceType=${type}`))).toEqual([]);
    });

    it('refuses a slot longer than 24 hours, naming it, and publishes none of the batch', async () => {
      const type = serviceType();
      const long = slotInput('A81001', { serviceType: type });
      long.end = new Date(Date.parse(long.start) + 24 * 3600_000 + 60_000).toISOString();
      const admin = await as('A81001', 'provider-admin');
      const response = await admin.post('/slots', { slots: [slotInput('A81001', { serviceType: type }), long] });
      expect(response.status).toBe(400);
      expect(response.body.errors).toEqual([expect.objectContaining({ field: 'slots[1].end' })]);
      expect(ids(await admin.get(`/slots?organisation=A81001&serviceType=${type}`))).toEqual([]);
    });

    it('refuses a capacity out of 1–1000, naming each slot, and publishes none of the batch', async () => {
      const type = serviceType();
      const admin = await as('A81001', 'provider-admin');
      const response = await admin.post('/slots', {
        slots: [slotInput('A81001', { serviceType: type }), slotInput('A81001', { serviceType: type, capacity: 0 }), slotInput('A81001', { serviceType: type, capacity: 1001 })],
      });
      expect(response.status).toBe(400);
      expect(response.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['slots[1].capacity', 'slots[2].capacity']);
      expect(ids(await admin.get(`/slots?organisation=A81001&serviceType=${type}`))).toEqual([]);
    });

    it('refuses text over 200 characters in location and practitionerRole', async () => {
      const admin = await as('A81001', 'provider-admin');
      const response = await admin.post('/slots', { slots: [slotInput('A81001', { location: 'x'.repeat(201), practitionerRole: 'y'.repeat(201) })] });
      expect(response.status).toBe(400);
      expect(response.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['slots[0].location', 'slots[0].practitionerRole']);
    });

    it('lets only provider-admin (or system) publish, and only for its own organisation', async () => {
      for (const role of ['booker', 'clinician', 'auditor'] as const) {
        const response = await (await as('A81001', role)).post('/slots', { slots: [slotInput('A81001')] });
        expect({ role, status: response.status }).toEqual({ role, status: 403 });
      }
      expect((await (await as('B82002', 'provider-admin')).post('/slots', { slots: [slotInput('A81001')] })).status).toBe(403);
      const bySystem = await (await as('SYS01', 'system', { orgType: 'system' })).post('/slots', { slots: [slotInput('A81001')] });
      expect(bySystem.status).toBe(201);
      expect(bySystem.body.items[0].organisation).toBe('A81001');
    });
  });

  describe('search', () => {
    it('filters by a list of organisations, service type and channel, sorted by start', async () => {
      const type = serviceType();
      const [a1, a2] = await publishSlots(api, 'A81001', [slotInput('A81001', { serviceType: type }), slotInput('A81001', { serviceType: type, deliveryChannel: 'video' })]);
      const [b1] = await publishSlots(api, 'B82002', [slotInput('B82002', { serviceType: type })]);
      const [c1] = await publishSlots(api, 'C83003', [slotInput('C83003', { serviceType: type })]);
      await publishSlots(api, 'A81001', [slotInput('A81001', { serviceType: `${type}-other` })]);
      const booker = await as('D84004');

      const byOrganisations = await booker.get(`/slots?organisation=A81001,B82002&serviceType=${type}`);
      expect(byOrganisations.status).toBe(200);
      const expected = [a1, a2, b1].sort((x, y) => x.start.localeCompare(y.start) || x.id.localeCompare(y.id));
      expect(ids(byOrganisations)).toEqual(expected.map((slot) => slot.id));
      expect(byOrganisations.body.next).toBeUndefined();

      expect(ids(await booker.get(`/slots?serviceType=${type}&deliveryChannel=video`))).toEqual([a2.id]);
      expect(ids(await booker.get(`/slots?organisation=C83003&serviceType=${type}`))).toEqual([c1.id]);
    });

    it('filters by federation: slots whose bookableBy names it, for a caller in it', async () => {
      const type = serviceType();
      const [federated] = await publishSlots(api, 'A81001', [slotInput('A81001', { serviceType: type, bookableBy: { federations: ['F-EAST'] } })]);
      await publishSlots(api, 'A81001', [slotInput('A81001', { serviceType: type })]);
      await publishSlots(api, 'B82002', [slotInput('B82002', { serviceType: type, bookableBy: { federations: ['F-WEST'] } })]);
      const member = await as('D84004', 'booker', { federations: ['F-EAST'] });
      expect(ids(await member.get(`/slots?federation=F-EAST&serviceType=${type}`))).toEqual([federated.id]);
      const outsider = await as('E85005');
      expect(ids(await outsider.get(`/slots?federation=F-EAST&serviceType=${type}`))).toEqual([]);
    });

    it('leaves out full slots and slots the caller may not book', async () => {
      const type = serviceType();
      const [open, restricted, taken] = await publishSlots(api, 'A81001', [
        slotInput('A81001', { serviceType: type }),
        slotInput('A81001', { serviceType: type, bookableBy: { organisations: ['B82002'] } }),
        slotInput('A81001', { serviceType: type }),
      ]);
      expect((await book(await as('A81001'), taken.id)).status).toBe(201);
      expect(ids(await (await as('C83003')).get(`/slots?serviceType=${type}`))).toEqual([open.id]);
      expect(ids(await (await as('B82002')).get(`/slots?serviceType=${type}`)).sort()).toEqual([open.id, restricted.id].sort());
    });

    it('refuses a window longer than 14 days, naming end', async () => {
      const start = new Date(Date.now() + 86_400_000);
      const end = new Date(start.getTime() + 14 * 86_400_000 + 60_000);
      const response = await (await as('A81001')).get(`/slots?start=${encodeURIComponent(start.toISOString())}&end=${encodeURIComponent(end.toISOString())}`);
      expect(response.status).toBe(400);
      expect(response.body.errors).toEqual([expect.objectContaining({ field: 'end' })]);
    });

    it('pages with an opaque cursor: every slot once, in order, with next while more remain', async () => {
      const type = serviceType();
      const published = await publishSlots(api, 'A81001', Array.from({ length: 5 }, () => slotInput('A81001', { serviceType: type })));
      const booker = await as('A81001');
      const seen: string[] = [];
      const pages: number[] = [];
      let path = `/slots?serviceType=${type}&limit=2`;
      for (let page = 0; page < 5; page++) {
        const response = await booker.get(path);
        expect(response.status).toBe(200);
        seen.push(...ids(response));
        pages.push(response.body.items.length);
        if (!response.body.next) break;
        expect(typeof response.body.next).toBe('string');
        path = `/slots?serviceType=${type}&limit=2&cursor=${encodeURIComponent(response.body.next)}`;
      }
      expect(pages).toEqual([2, 2, 1]);
      const expected = [...published].sort((x, y) => x.start.localeCompare(y.start) || x.id.localeCompare(y.id)).map((slot) => slot.id);
      expect(seen).toEqual(expected);
    });

    it('refuses a limit over 500 and a cursor it did not make', async () => {
      const booker = await as('A81001');
      const tooMany = await booker.get('/slots?limit=501');
      expect(tooMany.status).toBe(400);
      expect(tooMany.body.errors).toEqual([expect.objectContaining({ field: 'limit' })]);
      const forged = await booker.get('/slots?cursor=not-a-cursor');
      expect(forged.status).toBe(400);
      expect(forged.body.errors).toEqual([expect.objectContaining({ field: 'cursor' })]);
    });
  });

  describe('embargo (visibleFrom)', () => {
    it('hides a slot from others until visibleFrom; its owner sees it all along', async () => {
      const type = serviceType();
      const slot = await publishOne('A81001', { serviceType: type, visibleFrom: new Date(Date.now() + 4000).toISOString() });
      const owner = await as('A81001');
      const other = await as('B82002');

      expect(ids(await owner.get(`/slots?serviceType=${type}`))).toEqual([slot.id]);
      expect((await owner.get(`/slots/${slot.id}`)).status).toBe(200);
      expect(ids(await other.get(`/slots?serviceType=${type}`))).toEqual([]);
      const hidden = await other.get(`/slots/${slot.id}`);
      expect(hidden.status).toBe(404);
      const refused = await book(other, slot.id);
      expect(refused.status).toBe(404);
      expect(refused.body.code).toBe('slot_not_found');

      await sleep(Math.max(0, Date.parse(slot.visibleFrom as string) - Date.now()) + 200);
      expect(ids(await other.get(`/slots?serviceType=${type}`))).toEqual([slot.id]);
      expect((await book(other, slot.id)).status).toBe(201);
    });

    it('refuses visibleFrom without an offset, naming it', async () => {
      const response = await (await as('A81001', 'provider-admin')).post('/slots', { slots: [slotInput('A81001', { visibleFrom: '2031-01-01T09:00:00' })] });
      expect(response.status).toBe(400);
      expect(response.body.errors).toEqual([expect.objectContaining({ field: 'slots[0].visibleFrom' })]);
    });
  });

  describe('GET /slots/:id', () => {
    it('answers a slot the caller may not book exactly like a missing one', async () => {
      const slot = await publishOne('A81001', { bookableBy: { organisations: ['B82002'] } });
      const outsider = await as('C83003');
      const hidden = await outsider.get(`/slots/${slot.id}`);
      const missing = await outsider.get(`/slots/no-such-slot`);
      expect(hidden.status).toBe(404);
      expect(missing.status).toBe(404);
      expect(hidden.body.code).toBe(missing.body.code);
      expect((await (await as('B82002')).get(`/slots/${slot.id}`)).status).toBe(200);
    });
  });

  describe('withdrawal (DELETE /slots/:id)', () => {
    it('withdraws a slot: 204, then neither listed nor bookable', async () => {
      const type = serviceType();
      const slot = await publishOne('A81001', { serviceType: type });
      const admin = await as('A81001', 'provider-admin');
      const withdrawn = await admin.delete(`/slots/${slot.id}`);
      expect(withdrawn.status).toBe(204);
      expect(ids(await admin.get(`/slots?serviceType=${type}`))).toEqual([]);
      expect((await admin.get(`/slots/${slot.id}`)).body.status).toBe('withdrawn');
      const refused = await book(await as('B82002'), slot.id);
      expect(refused.status).toBe(404);
      expect(refused.body.code).toBe('slot_not_found');
    });

    it('refuses to withdraw a slot with a live booking (409 slot_has_bookings)', async () => {
      const slot = await publishOne('A81001');
      expect((await book(await as('B82002'), slot.id)).status).toBe(201);
      const response = await (await as('A81001', 'provider-admin')).delete(`/slots/${slot.id}`);
      expect(response.status).toBe(409);
      expect(response.body.code).toBe('slot_has_bookings');
      expect((await (await as('A81001')).get(`/slots/${slot.id}`)).body.status).not.toBe('withdrawn');
    });

    it('answers 403 to those who can see the slot and 404 to those who cannot', async () => {
      const open = await publishOne('A81001');
      const restricted = await publishOne('A81001', { bookableBy: { organisations: ['A81001'] } });
      expect((await (await as('A81001', 'booker')).delete(`/slots/${open.id}`)).status).toBe(403);
      expect((await (await as('A81001', 'clinician')).delete(`/slots/${open.id}`)).status).toBe(403);
      expect((await (await as('B82002', 'provider-admin')).delete(`/slots/${open.id}`)).status).toBe(403);
      expect((await (await as('B82002', 'provider-admin')).delete(`/slots/${restricted.id}`)).status).toBe(404);
      expect((await (await as('A81001', 'provider-admin')).delete(`/slots/no-such-slot`)).status).toBe(404);
      expect((await (await as('A81001')).get(`/slots/${open.id}`)).body.status).toBe('free');
      expect((await (await as('SYS01', 'system', { orgType: 'system' })).delete(`/slots/${open.id}`)).status).toBe(204);
    });
  });

  describe('holds', () => {
    const hold = (client: ApiClient, slotId: string, headers?: Record<string, string>) => client.post(`/slots/${slotId}/holds`, {}, headers);

    it('keeps the last place for the holding organisation: others get 409, the holder books with its holdId', async () => {
      const slot = await publishOne('A81001');
      const holder = await as('H10001');
      const other = await as('H10002');
      const held = await hold(holder, slot.id);
      expect(held.status).toBe(201);
      expect(held.body).toEqual({ holdId: expect.any(String), slotId: slot.id, expiresAt: expect.any(String) });
      const ttl = Date.parse(held.body.expiresAt) - Date.now();
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(holdTtlSeconds * 1000);
      expect((await other.get(`/slots/${slot.id}`)).body).toMatchObject({ remaining: 0 });

      const otherHold = await hold(other, slot.id);
      expect(otherHold.status).toBe(409);
      expect(otherHold.body.code).toBe('slot_full');
      const otherBooking = await book(other, slot.id);
      expect(otherBooking.status).toBe(409);
      expect(otherBooking.body.code).toBe('slot_full');
      // Another organisation's hold is no way in.
      const borrowed = await book(other, slot.id, { holdId: held.body.holdId });
      expect(borrowed.status).toBe(409);
      expect(borrowed.body.code).toBe('slot_full');

      // The holder's place is taken through its hold: without the holdId its booking needs a free place like any other.
      const withoutHold = await book(holder, slot.id);
      expect(withoutHold.status).toBe(409);
      expect(withoutHold.body.code).toBe('slot_full');

      const booked = await book(holder, slot.id, { holdId: held.body.holdId });
      expect(booked.status).toBe(201);
      expect(booked.body.status).toBe('booked');
      expect(await remaining(slot.id, 'A81001')).toBe(0);
    });

    it('lets the holder reschedule onto its held place', async () => {
      const holder = await as('H70001');
      const current = await publishOne('A81001');
      const wanted = await publishOne('A81001');
      const made = await book(holder, current.id);
      expect(made.status).toBe(201);
      const held = await hold(holder, wanted.id);
      expect(held.status).toBe(201);
      expect((await book(await as('H70002'), wanted.id)).status).toBe(409);
      const withoutHold = await holder.post(`/appointments/${made.body.id}/reschedule`, { slotId: wanted.id });
      expect(withoutHold.status).toBe(409);
      expect(withoutHold.body.code).toBe('slot_full');
      const moved = await holder.post(`/appointments/${made.body.id}/reschedule`, { slotId: wanted.id, holdId: held.body.holdId });
      expect(moved.status).toBe(200);
      expect(moved.body).toMatchObject({ slotId: wanted.id, status: 'booked' });
      expect(await eventually(() => remaining(current.id, 'A81001'), (value) => value === 1, 5000)).toBe(1);
    });

    it('takes one place per hold on a clinic slot, and a repeated hold (same Idempotency-Key) takes nothing more', async () => {
      const slot = await publishOne('A81001', { capacity: 3 });
      const holder = await as('H20001');
      const key = uniqueKey();
      const first = await hold(holder, slot.id, { 'idempotency-key': key });
      const repeat = await hold(holder, slot.id, { 'idempotency-key': key });
      expect(first.status).toBe(201);
      expect(repeat.body.holdId).toBe(first.body.holdId);
      expect(await remaining(slot.id, 'A81001')).toBe(2);
    });

    it(`refuses a hold with 429 once the organisation holds ${holdLimitPerOrg} places`, async () => {
      const slots = await publishSlots(api, 'A81001', Array.from({ length: holdLimitPerOrg + 1 }, () => slotInput('A81001')));
      const holder = await as('H30001');
      const answers = [];
      for (const slot of slots) answers.push(await hold(holder, slot.id));
      expect(answers.map((answer) => answer.status)).toEqual([...Array(holdLimitPerOrg).fill(201), 429]);
      expect(answers[holdLimitPerOrg].headers.get('content-type')).toContain('application/problem+json');
      // Another organisation is not limited by this one's holds.
      expect((await hold(await as('H30002'), slots[holdLimitPerOrg].id)).status).toBe(201);
    });

    it('answers 404 for a hold on a slot the caller may not see', async () => {
      const slot = await publishOne('A81001', { bookableBy: { organisations: ['B82002'] } });
      const response = await hold(await as('H40001'), slot.id);
      expect(response.status).toBe(404);
      expect((await hold(await as('H40001'), 'no-such-slot')).status).toBe(404);
    });

    it('lets an expired hold free its place by itself', async () => {
      const slot = await publishOne('A81001');
      const held = await hold(await as('H50001'), slot.id);
      expect(held.status).toBe(201);
      expect(Date.parse(held.body.expiresAt) - Date.now()).toBeLessThanOrEqual(holdTtlSeconds * 1000);
      expect(await remaining(slot.id, 'A81001')).toBe(0);
      await sleep(Math.max(0, Date.parse(held.body.expiresAt) - Date.now()) + 100);
      const freed = await eventually(() => remaining(slot.id, 'A81001'), (value) => value === 1, 10_000);
      expect(freed).toBe(1);
      const other = await as('H50002');
      expect((await book(other, slot.id)).status).toBe(201);
      // The expired hold is no longer the holder's place.
      expect((await book(await as('H50001'), slot.id, { holdId: held.body.holdId })).status).toBe(409);
    });

    it('frees the place of a hold that expired while the platform was down', async () => {
      const slot = await publishOne('A81001');
      const held = await hold(await as('H60001'), slot.id);
      expect(held.status).toBe(201);
      await platform.stop();
      await sleep(Math.max(0, Date.parse(held.body.expiresAt) - Date.now()) + 100);
      await platform.start();
      api = platform.api;
      as = actors(api);
      const freed = await eventually(() => remaining(slot.id, 'A81001'), (value) => value === 1, 10_000);
      expect(freed).toBe(1);
      expect((await book(await as('H60002'), slot.id)).status).toBe(201);
    });
  });
});
