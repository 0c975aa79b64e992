import { ApiClient, ApiResponse, slotInput, testNhsNumber, uniqueKey } from './support/api-client';
import { actors, publishSlots } from './support/actors';
import { EmbeddedPlatform } from './support/embedded-platform';
import { eventually, sleep } from './support/eventually';
import { SlotServiceGate } from './support/slot-service-gate';
import { storedEvents } from './support/stored-events';

/** Appointments from booking to attendance on the embedded platform, over HTTP: every route, its errors and its access rules. */
describe('appointment lifecycle (embedded platform)', () => {
  const platform = new EmbeddedPlatform();
  let api: ApiClient;
  let as: ReturnType<typeof actors>;
  /** Host A81001 publishes (its admin's token names federation F-HOST); B82002 books (its token names F-BOOK). */
  let host: ApiClient;
  let booker: ApiClient;

  beforeAll(async () => {
    await platform.start();
    api = platform.api;
    as = actors(api);
    host = await as('A81001', 'booker');
    booker = await as('B82002', 'booker', { federations: ['F-BOOK'] });
  });
  afterAll(() => platform.destroy());

  const publish = async (overrides: Record<string, unknown> = {}, organisation = 'A81001') =>
    (await publishSlots(api, organisation, [slotInput(organisation, overrides)], { federations: organisation === 'A81001' ? ['F-HOST'] : [] }))[0];
  const appointment = (slotId: string, extra: Record<string, unknown> = {}): Record<string, any> => ({
    slotId,
    patient: { nhsNumber: testNhsNumber() },
    description: 'Blood test',
    ...extra,
  });
  const book = (client: ApiClient, slotId: string, extra: Record<string, unknown> = {}, headers?: Record<string, string>) =>
    client.post('/appointments', appointment(slotId, extra), headers);
  /** A booked appointment of B82002 on a fresh A81001 slot. */
  const booked = async (client = booker, overrides: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) => {
    const slot = await publish(overrides);
    const response = await book(client, slot.id, extra);
    expect(response.status).toBe(201);
    return { slot, appointment: response.body, etag: response.headers.get('etag')! };
  };
  const remaining = async (slotId: string) => (await (await as('A81001', 'provider-admin')).get(`/slots/${slotId}`)).body.remaining;
  const remainingBecomes = (slotId: string, value: number) => eventually(() => remaining(slotId), (r) => r === value, 10_000);
  /** The fields a 4xx problem names (each once; a field breaking several rules is named once per rule). */
  const fieldsOf = (response: ApiResponse): string[] => [...new Set<string>((response.body.errors ?? []).map((e: { field: string }) => e.field))];

  describe('POST /appointments', () => {
    it('books with every field, answering 201 with Location and ETag', async () => {
      const slot = await publish({ location: 'Room 2', practitionerRole: 'Phlebotomist' });
      const input = appointment(slot.id, {
        patient: { nhsNumber: testNhsNumber(), name: 'Ann Example', dateOfBirth: '1980-02-29' },
        description: 'Fasting blood test',
        comment: 'Prefers the morning',
        reasonableAdjustments: ['wheelchair access', 'BSL interpreter'],
      });
      const response = await booker.post('/appointments', input);
      expect(response.status).toBe(201);
      expect(response.headers.get('location')).toBe(`/appointments/${response.body.id}`);
      expect(response.headers.get('etag')).toBe('"2"');
      expect(response.body).toMatchObject({
        id: expect.any(String),
        status: 'booked',
        version: 2,
        slotId: slot.id,
        organisation: 'A81001',
        start: slot.start,
        end: slot.end,
        patient: input.patient,
        description: input.description,
        comment: input.comment,
        reasonableAdjustments: input.reasonableAdjustments,
      });
      expect(await remainingBecomes(slot.id, 0)).toBe(0);
    });

    it('keeps text at its limits in full', async () => {
      const slot = await publish();
      const input = appointment(slot.id, {
        patient: { nhsNumber: testNhsNumber(), name: 'n'.repeat(200) },
        description: 'd'.repeat(100),
        comment: 'c'.repeat(500),
        reasonableAdjustments: Array.from({ length: 20 }, (_, i) => `${i}`.padEnd(200, 'a')),
      });
      const response = await booker.post('/appointments', input);
      expect(response.status).toBe(201);
      const fetched = (await booker.get(`/appointments/${response.body.id}`)).body;
      expect(fetched).toMatchObject({ description: input.description, comment: input.comment, reasonableAdjustments: input.reasonableAdjustments, patient: input.patient });
    });

    it.each([
      ['description', { description: 'd'.repeat(101) }, /^description$/],
      ['a missing description', { description: undefined }, /^description$/],
      ['comment', { comment: 'c'.repeat(501) }, /^comment$/],
      ['patient.name', { patient: { nhsNumber: '9434765919', name: 'n'.repeat(201) } }, /^patient\.name$/],
      ['patient.dateOfBirth', { patient: { nhsNumber: '9434765919', dateOfBirth: '29/02/1980' } }, /^patient\.dateOfBirth$/],
      ['reasonableAdjustments (more than 20)', { reasonableAdjustments: Array.from({ length: 21 }, () => 'ramp') }, /^reasonableAdjustments$/],
      ['one reasonable adjustment over 200', { reasonableAdjustments: ['ok', 'a'.repeat(201)] }, /^reasonableAdjustments(\[1\]|\.1)?$/],
    ])('refuses %s with 400 naming the field, never cutting it', async (_name, extra, field) => {
      const response = await booker.post('/appointments', appointment('any-slot', extra));
      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      expect(fieldsOf(response)).toEqual([expect.stringMatching(field)]);
    });

    it('answers a slot the caller may not book, an embargoed slot and an unknown slot alike: 404 slot_not_found', async () => {
      const restricted = await publish({ bookableBy: { organisations: ['C83003'] } });
      const embargoed = await publish({ visibleFrom: new Date(Date.now() + 3600_000).toISOString() });
      const answers = await Promise.all([book(booker, restricted.id), book(booker, embargoed.id), book(booker, 'no-such-slot')]);
      for (const answer of answers) {
        expect(answer.status).toBe(404);
        expect(answer.headers.get('content-type')).toContain('application/problem+json');
        expect(answer.body.code).toBe('slot_not_found');
      }
      expect(answers[0].body.title).toBe(answers[2].body.title);
      expect(await remaining(restricted.id)).toBe(1);
      expect(await remaining(embargoed.id)).toBe(1);
      // The host itself may book its embargoed slot.
      expect((await book(host, embargoed.id)).status).toBe(201);
    });

    it('answers 409 slot_full when the slot is taken', async () => {
      const { slot } = await booked();
      const response = await book(await as('C83003'), slot.id);
      expect(response.status).toBe(409);
      expect(response.body.code).toBe('slot_full');
    });
  });

  describe('Idempotency-Key', () => {
    it('books once for concurrent repeats of the same key', async () => {
      const slot = await publish({ capacity: 5 });
      const key = uniqueKey();
      const body = appointment(slot.id);
      const answers = await Promise.all(Array.from({ length: 5 }, () => booker.post('/appointments', body, { 'idempotency-key': key })));
      expect(answers.map((a) => a.status)).toEqual([201, 201, 201, 201, 201]);
      expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
      expect(await remainingBecomes(slot.id, 4)).toBe(4);
      await sleep(200);
      expect(await remaining(slot.id)).toBe(4);
    });

    it('treats the same meaning as the same request: body key order and token federation order do not matter', async () => {
      const slot = await publish({ capacity: 3 });
      const key = uniqueKey();
      const nhsNumber = testNhsNumber();
      const first = await (await as('B82002', 'booker', { federations: ['F-BOOK', 'F-OTHER'] })).post(
        '/appointments',
        { slotId: slot.id, patient: { nhsNumber, name: 'Ann' }, description: 'Blood test' },
        { 'idempotency-key': key },
      );
      const reordered = await (await as('B82002', 'booker', { federations: ['F-OTHER', 'F-BOOK'] })).post(
        '/appointments',
        { description: 'Blood test', patient: { name: 'Ann', nhsNumber }, slotId: slot.id },
        { 'idempotency-key': key },
      );
      expect(first.status).toBe(201);
      expect(reordered.status).toBe(201);
      expect(reordered.body.id).toBe(first.body.id);
      expect(await remaining(slot.id)).toBe(2);
    });

    it('refuses a different body under the same key with 422 idempotency_key_reused', async () => {
      const slot = await publish({ capacity: 3 });
      const key = uniqueKey();
      expect((await book(booker, slot.id, {}, { 'idempotency-key': key })).status).toBe(201);
      const reused = await book(booker, slot.id, { description: 'Something else' }, { 'idempotency-key': key });
      expect(reused.status).toBe(422);
      expect(reused.body.code).toBe('idempotency_key_reused');
    });

    it('keeps keys apart per organisation', async () => {
      const slot = await publish({ capacity: 3 });
      const key = uniqueKey();
      const body = appointment(slot.id);
      const ours = await booker.post('/appointments', body, { 'idempotency-key': key });
      const theirs = await (await as('C83003')).post('/appointments', body, { 'idempotency-key': key });
      expect([ours.status, theirs.status]).toEqual([201, 201]);
      expect(theirs.body.id).not.toBe(ours.body.id);
    });
  });

  describe('GET /appointments', () => {
    it('answers one appointment with its ETag', async () => {
      const { appointment: made } = await booked();
      const response = await booker.get(`/appointments/${made.id}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('etag')).toBe('"2"');
      expect(response.body).toMatchObject({ id: made.id, status: 'booked', version: 2 });
      expect((await booker.get('/appointments/no-such-appointment')).status).toBe(404);
    });

    it('lists a patient’s appointments the caller may see, by start, paged, filtered by status', async () => {
      const nhsNumber = testNhsNumber();
      const slots = await publishSlots(api, 'A81001', [1, 2, 3].map((day) => slotInput('A81001', {}, day)));
      const made: string[] = [];
      for (const slot of slots) {
        const response = await book(booker, slot.id, { patient: { nhsNumber } });
        expect(response.status).toBe(201);
        made.push(response.body.id);
      }
      const seen: string[] = [];
      let path = `/appointments?patient=${nhsNumber}&limit=2`;
      const pages: number[] = [];
      for (let page = 0; page < 4; page++) {
        const response = await booker.get(path);
        expect(response.status).toBe(200);
        pages.push(response.body.items.length);
        seen.push(...response.body.items.map((a: { id: string }) => a.id));
        if (!response.body.next) break;
        path = `/appointments?patient=${nhsNumber}&limit=2&cursor=${encodeURIComponent(response.body.next)}`;
      }
      expect(pages).toEqual([2, 1]);
      expect(seen).toEqual(made);

      expect((await booker.post(`/appointments/${made[1]}/cancel`, { reason: 'Patient request' })).status).toBe(200);
      const live = await eventually(() => booker.get(`/appointments?patient=${nhsNumber}&status=booked`), (r) => r.body.items.length === 2, 5000);
      expect(live.body.items.map((a: { id: string }) => a.id)).toEqual([made[0], made[2]]);
      const window = `from=${encodeURIComponent(new Date(Date.parse(slots[1].start) - 60_000).toISOString())}&to=${encodeURIComponent(new Date(Date.parse(slots[1].start) + 60_000).toISOString())}`;
      expect((await booker.get(`/appointments?patient=${nhsNumber}&${window}`)).body.items.map((a: { id: string }) => a.id)).toEqual([made[1]]);

      expect((await (await as('C83003')).get(`/appointments?patient=${nhsNumber}`)).body.items).toEqual([]);
      for (const reader of [await as('X26', 'auditor', { orgType: 'auditor' }), await as('NHS111', 'booker', { orgType: 'urgent-care' })]) {
        expect((await reader.get(`/appointments?patient=${nhsNumber}`)).body.items.map((a: { id: string }) => a.id)).toEqual(made);
      }
    });
  });

  describe('PATCH /appointments/:id', () => {
    it('changes description, comment and adjustments under If-Match; 428 without it, 412 when stale', async () => {
      const { appointment: made } = await booked();
      const path = `/appointments/${made.id}`;
      const change = { description: 'Blood test and ECG', comment: 'Bring a list of medicines', reasonableAdjustments: ['hearing loop'] };

      const missing = await booker.patch(path, change);
      expect(missing.status).toBe(428);
      expect(missing.headers.get('content-type')).toContain('application/problem+json');

      const amended = await booker.patch(path, change, { 'if-match': '"2"' });
      expect(amended.status).toBe(200);
      expect(amended.headers.get('etag')).toBe('"3"');
      expect(amended.body).toMatchObject({ ...change, version: 3, status: 'booked', slotId: made.slotId });

      const stale = await booker.patch(path, { comment: 'Late change' }, { 'if-match': '"2"' });
      expect(stale.status).toBe(412);
      expect(stale.body.code).toBe('stale_version');
      const fetched = await booker.get(path);
      expect(fetched.headers.get('etag')).toBe('"3"');
      expect(fetched.body.comment).toBe(change.comment);
    });

    it('refuses any other field with 422 naming it, and over-long text with 400', async () => {
      const { appointment: made, slot } = await booked();
      const path = `/appointments/${made.id}`;
      for (const field of ['slotId', 'start', 'status']) {
        const response = await booker.patch(path, { [field]: field === 'slotId' ? slot.id : '2031-01-01T09:00:00Z' }, { 'if-match': '"2"' });
        expect({ field, status: response.status }).toEqual({ field, status: 422 });
        expect(fieldsOf(response)).toEqual([field]);
      }
      const patient = await booker.patch(path, { patient: { nhsNumber: '9434765919' } }, { 'if-match': '"2"' });
      expect(patient.status).toBe(422);
      const long = await booker.patch(path, { description: 'd'.repeat(101) }, { 'if-match': '"2"' });
      expect(long.status).toBe(400);
      expect(fieldsOf(long)).toEqual(['description']);
      expect((await booker.get(path)).body.version).toBe(2);
    });

    it('answers a malformed If-Match with 400 naming If-Match', async () => {
      const { appointment: made } = await booked();
      const response = await booker.patch(`/appointments/${made.id}`, { comment: 'x' }, { 'if-match': 'version two' });
      expect(response.status).toBe(400);
      expect(fieldsOf(response)).toEqual(['If-Match']);
    });

    it('refuses to amend a cancelled appointment (422)', async () => {
      const { appointment: made } = await booked();
      const cancelled = await booker.post(`/appointments/${made.id}/cancel`, { reason: 'Patient request' });
      expect(cancelled.status).toBe(200);
      const response = await booker.patch(`/appointments/${made.id}`, { comment: 'too late' }, { 'if-match': cancelled.headers.get('etag') ?? `"${cancelled.body.version}"` });
      expect(response.status).toBe(422);
    });
  });

  describe('cancel', () => {
    it('cancels a future appointment with a reason and gives the place back', async () => {
      const { appointment: made, slot } = await booked();
      expect(await remainingBecomes(slot.id, 0)).toBe(0);
      const response = await booker.post(`/appointments/${made.id}/cancel`, { reason: 'Patient request' });
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ id: made.id, status: 'cancelled', version: 3 });
      expect(response.headers.get('etag')).toBe('"3"');
      expect(await remainingBecomes(slot.id, 1)).toBe(1);
      expect((await book(await as('C83003'), slot.id)).status).toBe(201);

      const again = await booker.post(`/appointments/${made.id}/cancel`, { reason: 'Again' });
      expect(again.status).toBe(422);
    });

    it('needs a reason of at most 200 characters', async () => {
      const { appointment: made } = await booked();
      const none = await booker.post(`/appointments/${made.id}/cancel`, {});
      expect(none.status).toBe(400);
      expect(fieldsOf(none)).toEqual(['reason']);
      const long = await booker.post(`/appointments/${made.id}/cancel`, { reason: 'r'.repeat(201) });
      expect(long.status).toBe(400);
      expect(fieldsOf(long)).toEqual(['reason']);
      expect((await booker.get(`/appointments/${made.id}`)).body.status).toBe('booked');
    });

    it('answers a repeated cancel (same Idempotency-Key) like the first', async () => {
      const { appointment: made } = await booked();
      const key = uniqueKey();
      const first = await booker.post(`/appointments/${made.id}/cancel`, { reason: 'Patient request' }, { 'idempotency-key': key });
      const repeat = await booker.post(`/appointments/${made.id}/cancel`, { reason: 'Patient request' }, { 'idempotency-key': key });
      expect(first.status).toBe(200);
      expect(repeat.status).toBe(200);
      expect(repeat.body).toMatchObject({ status: 'cancelled', version: first.body.version });
    });
  });

  describe('reschedule', () => {
    it('moves the appointment to the new slot, then releases the old place', async () => {
      const { appointment: made, slot: old } = await booked();
      const next = await publish();
      const response = await booker.post(`/appointments/${made.id}/reschedule`, { slotId: next.id });
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ id: made.id, status: 'booked', slotId: next.id, start: next.start, end: next.end });
      expect(response.body.version).toBeGreaterThan(2);
      expect(response.headers.get('etag')).toBe(`"${response.body.version}"`);
      expect(await remainingBecomes(next.id, 0)).toBe(0);
      expect(await remainingBecomes(old.id, 1)).toBe(1);
      expect((await book(await as('C83003'), old.id)).status).toBe(201);
    });

    it('carries the host’s name from the slot into BookingConfirmed and BookingRescheduled, and the contact along', async () => {
      const contact = { phone: '07700900123', preferredChannel: 'sms' };
      const { appointment: made } = await booked(booker, { organisationName: 'Riverside Surgery' }, { patient: { nhsNumber: testNhsNumber(), contact } });
      expect(made).toMatchObject({ organisationName: 'Riverside Surgery', patient: { contact } });
      const next = await publish({ organisationName: 'Riverside Hub' });
      const moved = await booker.post(`/appointments/${made.id}/reschedule`, { slotId: next.id });
      expect(moved.body).toMatchObject({ slotId: next.id, organisationName: 'Riverside Hub', patient: { contact } });
      const stored = storedEvents(platform.dataDir, 'booking-service').filter((e) => e.data.bookingId === made.id);
      expect(stored.find((e) => e.type === 'BookingConfirmed')?.data).toMatchObject({ organisationName: 'Riverside Surgery', patient: { contact } });
      expect(stored.find((e) => e.type === 'BookingRescheduled')?.data).toMatchObject({ place: { organisationName: 'Riverside Hub' }, previous: { organisationName: 'Riverside Surgery' } });
    });

    it('keeps the old slot, version and ETag untouched when the new slot is refused', async () => {
      const { appointment: made, slot: old, etag } = await booked();
      const { slot: taken } = await booked(await as('C83003'));
      const full = await booker.post(`/appointments/${made.id}/reschedule`, { slotId: taken.id });
      expect(full.status).toBe(409);
      expect(full.body.code).toBe('slot_full');
      const missing = await booker.post(`/appointments/${made.id}/reschedule`, { slotId: 'no-such-slot' });
      expect(missing.status).toBe(404);
      expect(missing.body.code).toBe('slot_not_found');

      const fetched = await booker.get(`/appointments/${made.id}`);
      expect(fetched.headers.get('etag')).toBe(etag);
      expect(fetched.body).toMatchObject({ status: 'booked', slotId: old.id, version: 2 });
      expect(await remaining(old.id)).toBe(0);
      // It can still be moved afterwards.
      const next = await publish();
      expect((await booker.post(`/appointments/${made.id}/reschedule`, { slotId: next.id })).status).toBe(200);
    });

    it('answers a repeated reschedule (same Idempotency-Key) like the first', async () => {
      const { appointment: made } = await booked();
      const next = await publish();
      const key = uniqueKey();
      const first = await booker.post(`/appointments/${made.id}/reschedule`, { slotId: next.id }, { 'idempotency-key': key });
      const repeat = await booker.post(`/appointments/${made.id}/reschedule`, { slotId: next.id }, { 'idempotency-key': key });
      expect([first.status, repeat.status]).toEqual([200, 200]);
      expect(repeat.body).toMatchObject({ slotId: next.id, version: first.body.version });
      expect((await booker.get(`/appointments/${made.id}`)).body.version).toBe(first.body.version);
    });

    it('refuses to reschedule a cancelled appointment (422)', async () => {
      const { appointment: made } = await booked();
      expect((await booker.post(`/appointments/${made.id}/cancel`, { reason: 'Patient request' })).status).toBe(200);
      const next = await publish();
      expect((await booker.post(`/appointments/${made.id}/reschedule`, { slotId: next.id })).status).toBe(422);
      expect(await remaining(next.id)).toBe(1);
    });
  });

  describe('rebook', () => {
    it('books a new appointment that supersedes the old, then cancels the old one as superseded', async () => {
      const { appointment: old, slot: oldSlot } = await booked(booker, {}, { comment: 'Needs a chaperone', reasonableAdjustments: ['step-free access'] });
      const next = await publish();
      const response = await booker.post(`/appointments/${old.id}/rebook`, { slotId: next.id, reason: 'Reassessed: needs a longer slot' });
      expect(response.status).toBe(201);
      expect(response.headers.get('location')).toBe(`/appointments/${response.body.id}`);
      expect(response.body).toMatchObject({
        status: 'booked',
        supersedes: old.id,
        slotId: next.id,
        patient: old.patient,
        description: old.description,
        comment: 'Needs a chaperone',
        reasonableAdjustments: ['step-free access'],
      });
      expect(response.body.id).not.toBe(old.id);

      const oldView = await eventually(() => booker.get(`/appointments/${old.id}`), (r) => r.body.status === 'cancelled', 5000);
      expect(oldView.body).toMatchObject({ status: 'cancelled', supersededBy: response.body.id, slotId: oldSlot.id });
      expect(await remainingBecomes(oldSlot.id, 1)).toBe(1);
    });

    it('takes a new description when given one, and refuses a rebook without a reason', async () => {
      const { appointment: old } = await booked();
      const next = await publish();
      const noReason = await booker.post(`/appointments/${old.id}/rebook`, { slotId: next.id });
      expect(noReason.status).toBe(400);
      expect(fieldsOf(noReason)).toEqual(['reason']);
      const response = await booker.post(`/appointments/${old.id}/rebook`, { slotId: next.id, reason: 'Reassessed', description: 'ECG' });
      expect(response.status).toBe(201);
      expect(response.body.description).toBe('ECG');
    });

    it('leaves the old appointment unchanged when the new booking fails', async () => {
      const { appointment: old, etag, slot: oldSlot } = await booked();
      const { slot: taken } = await booked(await as('C83003'));
      const full = await booker.post(`/appointments/${old.id}/rebook`, { slotId: taken.id, reason: 'Reassessed' });
      expect(full.status).toBe(409);
      expect(full.body.code).toBe('slot_full');
      const missing = await booker.post(`/appointments/${old.id}/rebook`, { slotId: 'no-such-slot', reason: 'Reassessed' });
      expect(missing.status).toBe(404);
      expect(missing.body.code).toBe('slot_not_found');
      await sleep(300);
      const fetched = await booker.get(`/appointments/${old.id}`);
      expect(fetched.headers.get('etag')).toBe(etag);
      expect(fetched.body).toMatchObject({ status: 'booked', slotId: oldSlot.id });
      expect(fetched.body.supersededBy).toBeUndefined();
    });

    it('answers a repeated rebook (same Idempotency-Key) with the same new appointment, rebooking once', async () => {
      const { appointment: old } = await booked();
      const next = await publish({ capacity: 2 });
      const key = uniqueKey();
      const body = { slotId: next.id, reason: 'Reassessed' };
      const [first, repeat] = await Promise.all([
        booker.post(`/appointments/${old.id}/rebook`, body, { 'idempotency-key': key }),
        booker.post(`/appointments/${old.id}/rebook`, body, { 'idempotency-key': key }),
      ]);
      expect([first.status, repeat.status]).toEqual([201, 201]);
      expect(repeat.body.id).toBe(first.body.id);
      expect(await remainingBecomes(next.id, 1)).toBe(1);
    });

    it('lets an urgent-care organisation rebook across organisations', async () => {
      const { appointment: old } = await booked();
      const elsewhere = await publish({}, 'C83003');
      const urgentCare = await as('NHS111', 'booker', { orgType: 'urgent-care' });
      const response = await urgentCare.post(`/appointments/${old.id}/rebook`, { slotId: elsewhere.id, reason: '111 reassessment: needs same-day care' });
      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({ supersedes: old.id, organisation: 'C83003', slotId: elsewhere.id });
      const oldView = await eventually(() => booker.get(`/appointments/${old.id}`), (r) => r.body.status === 'cancelled', 5000);
      expect(oldView.body.supersededBy).toBe(response.body.id);
      // The urgent-care access is on the record, with its reason.
      const first = (await urgentCare.get(`/appointments/${response.body.id}/history`)).body.items[0];
      expect(first).toMatchObject({ actor: { org: 'NHS111', orgType: 'urgent-care' }, reason: '111 reassessment: needs same-day care' });
    });

    it('rebooks onto a place the urgent-care organisation holds', async () => {
      const { appointment: old } = await booked();
      const held = await publish({}, 'C83003');
      const urgentCare = await as('NHS111', 'booker', { orgType: 'urgent-care' });
      const hold = await urgentCare.post(`/slots/${held.id}/holds`, {});
      expect(hold.status).toBe(201);
      expect((await book(await as('D84004'), held.id)).status).toBe(409);
      const response = await urgentCare.post(`/appointments/${old.id}/rebook`, { slotId: held.id, holdId: hold.body.holdId, reason: '111 reassessment' });
      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({ supersedes: old.id, slotId: held.id, status: 'booked' });
    });
  });

  describe('attendance', () => {
    it('refuses attended and did-not-attend before the start (422) and takes arrived', async () => {
      const { appointment: made } = await booked();
      const clinician = await as('A81001', 'clinician');
      for (const status of ['attended', 'did-not-attend']) {
        const response = await clinician.post(`/appointments/${made.id}/attendance`, { status });
        expect({ status, answer: response.status }).toEqual({ status, answer: 422 });
      }
      const arrived = await clinician.post(`/appointments/${made.id}/attendance`, { status: 'arrived' });
      expect(arrived.status).toBe(200);
      expect(arrived.body.status).toBe('arrived');
      const unknown = await clinician.post(`/appointments/${made.id}/attendance`, { status: 'late' });
      expect(unknown.status).toBe(400);
      expect(fieldsOf(unknown)).toEqual(['status']);
    });

    it('is for the hosting organisation’s clinician or provider-admin only', async () => {
      const { appointment: made } = await booked();
      const path = `/appointments/${made.id}/attendance`;
      expect((await (await as('A81001', 'booker')).post(path, { status: 'arrived' })).status).toBe(403);
      expect((await (await as('B82002', 'clinician', { federations: ['F-BOOK'] })).post(path, { status: 'arrived' })).status).toBe(403);
      expect((await (await as('X26', 'auditor', { orgType: 'auditor' })).post(path, { status: 'arrived' })).status).toBe(403);
      expect((await (await as('C83003', 'clinician')).post(path, { status: 'arrived' })).status).toBe(404);
      expect((await (await as('A81001', 'provider-admin')).post(path, { status: 'arrived' })).status).toBe(200);
    });

    it('once the start has passed: attended is recorded; cancel and amend are refused (422)', async () => {
      const start = new Date(Date.now() + 2500);
      const slot = await publish({ start: start.toISOString(), end: new Date(start.getTime() + 10 * 60_000).toISOString() });
      const first = await book(booker, slot.id);
      const second = await publishSlots(api, 'A81001', [slotInput('A81001', { start: start.toISOString(), end: new Date(start.getTime() + 10 * 60_000).toISOString(), capacity: 2 })]);
      const other = await book(booker, second[0].id);
      expect([first.status, other.status]).toEqual([201, 201]);
      await sleep(Math.max(0, start.getTime() - Date.now()) + 200);

      const clinician = await as('A81001', 'clinician');
      const attended = await clinician.post(`/appointments/${first.body.id}/attendance`, { status: 'attended' });
      expect(attended.status).toBe(200);
      expect(attended.body.status).toBe('attended');
      const dna = await clinician.post(`/appointments/${other.body.id}/attendance`, { status: 'did-not-attend', reason: 'No answer at the door' });
      expect(dna.status).toBe(200);
      expect(dna.body.status).toBe('did-not-attend');

      const past = await book(booker, second[0].id);
      expect(past.status).toBe(409);
      expect(past.body.code).toBe('slot_in_past');

      expect((await booker.post(`/appointments/${first.body.id}/cancel`, { reason: 'Too late' })).status).toBe(422);
      expect((await booker.patch(`/appointments/${first.body.id}`, { comment: 'x' }, { 'if-match': attended.headers.get('etag') ?? `"${attended.body.version}"` })).status).toBe(422);
      expect((await clinician.post(`/appointments/${first.body.id}/attendance`, { status: 'did-not-attend' })).status).toBe(422);
    });
  });

  describe('history and asOf', () => {
    it('shows each event with version, actor, correlation and causation, to auditors and readers', async () => {
      const slot = await publish();
      const correlationId = `trace-${uniqueKey()}`;
      const made = await booker.post('/appointments', appointment(slot.id), { 'x-correlation-id': correlationId });
      expect(made.status).toBe(201);
      expect((await booker.patch(`/appointments/${made.body.id}`, { comment: 'Amended' }, { 'if-match': '"2"' })).status).toBe(200);
      expect((await booker.post(`/appointments/${made.body.id}/cancel`, { reason: 'Patient request' })).status).toBe(200);

      const auditor = await as('X26', 'auditor', { orgType: 'auditor' });
      const history = await auditor.get(`/appointments/${made.body.id}/history`);
      expect(history.status).toBe(200);
      const items = history.body.items as { type: string; version: number; occurredAt: string; actor: any; reason?: string; correlationId: string; causationId: string; data: any }[];
      expect(items.map((item) => item.version)).toEqual([1, 2, 3, 4]);
      expect(items[0]).toMatchObject({
        type: 'BookingRequested',
        actor: { sub: 'B82002-booker', org: 'B82002', orgType: 'gp-practice', role: 'booker' },
        correlationId,
        causationId: expect.any(String),
        occurredAt: expect.any(String),
        data: expect.objectContaining({ slotId: slot.id }),
      });
      expect(items[1]).toMatchObject({ type: 'BookingConfirmed', correlationId });
      expect(items[1].causationId).not.toBe(items[1].correlationId);
      expect(items[3]).toMatchObject({ reason: 'Patient request', actor: { org: 'B82002', role: 'booker' } });
      for (const item of items) expect(Number.isNaN(Date.parse(item.occurredAt))).toBe(false);
      expect([...items].sort((x, y) => x.occurredAt.localeCompare(y.occurredAt))).toEqual(items);

      expect((await booker.get(`/appointments/${made.body.id}/history`)).status).toBe(200);
      expect((await (await as('C83003')).get(`/appointments/${made.body.id}/history`)).status).toBe(404);
    });

    it('merges the reschedule process into the history: a refused attempt leaves the version, the move raises it', async () => {
      const { appointment: made } = await booked();
      const { slot: taken } = await booked(await as('C83003'));
      expect((await booker.post(`/appointments/${made.id}/reschedule`, { slotId: taken.id })).status).toBe(409);
      const next = await publish();
      const moved = await booker.post(`/appointments/${made.id}/reschedule`, { slotId: next.id });
      expect(moved.status).toBe(200);
      const items = (await booker.get(`/appointments/${made.id}/history`)).body.items as { type: string; version: number; data: any }[];
      const versions = items.map((item) => item.version);
      expect(versions).toEqual([...versions].sort((x, y) => x - y));
      expect(items.slice(0, 2).map((item) => item.type)).toEqual(['BookingRequested', 'BookingConfirmed']);
      const refusedAttempt = items.filter((item) => item.data?.slotId === taken.id);
      expect(refusedAttempt.length).toBeGreaterThan(0);
      expect(refusedAttempt.every((item) => item.version === 2)).toBe(true);
      expect(items).toContainEqual(expect.objectContaining({ type: 'BookingRescheduled', version: moved.body.version }));
      expect(items.at(-1)!.version).toBe(moved.body.version);
    });

    it('shows a rebook’s two appointments pointing at each other', async () => {
      const { appointment: old } = await booked();
      const next = await publish();
      const rebooked = await booker.post(`/appointments/${old.id}/rebook`, { slotId: next.id, reason: 'Reassessed' });
      expect(rebooked.status).toBe(201);
      await eventually(() => booker.get(`/appointments/${old.id}`), (r) => r.body.status === 'cancelled', 5000);
      const oldHistory = (await booker.get(`/appointments/${old.id}/history`)).body.items as { data: any; reason?: string }[];
      const newHistory = (await booker.get(`/appointments/${rebooked.body.id}/history`)).body.items as { data: any; reason?: string }[];
      expect(oldHistory.some((item) => item.data?.supersededBy === rebooked.body.id)).toBe(true);
      expect(newHistory.some((item) => item.data?.supersedes === old.id)).toBe(true);
      expect(newHistory[0].reason).toBe('Reassessed');
    });

    it('shows the appointment as it was at an instant; 404 before it existed', async () => {
      const before = new Date(Date.now() - 1000).toISOString();
      const { appointment: made } = await booked();
      await sleep(20);
      const between = new Date().toISOString();
      await sleep(20);
      expect((await booker.post(`/appointments/${made.id}/cancel`, { reason: 'Patient request' })).status).toBe(200);

      const path = `/appointments/${made.id}?asOf=`;
      expect((await booker.get(path + encodeURIComponent(before))).status).toBe(404);
      const then = await booker.get(path + encodeURIComponent(between));
      expect(then.status).toBe(200);
      expect(then.body).toMatchObject({ id: made.id, status: 'booked', version: 2 });
      expect((await booker.get(path + encodeURIComponent(new Date().toISOString()))).body).toMatchObject({ status: 'cancelled', version: 3 });
      const bad = await booker.get(path + 'yesterday');
      expect(bad.status).toBe(400);
      expect(fieldsOf(bad)).toEqual(['asOf']);
    });
  });

  describe('access', () => {
    it('lets the booker, the host and their federations read; hides it from strangers as 404', async () => {
      const { appointment: made } = await booked();
      const path = `/appointments/${made.id}`;
      const readers = {
        booker,
        host,
        hostFederation: await as('D84004', 'booker', { federations: ['F-HOST'] }),
        bookerFederation: await as('E85005', 'booker', { federations: ['F-BOOK'] }),
        auditor: await as('X26', 'auditor', { orgType: 'auditor' }),
        urgentCare: await as('NHS111', 'booker', { orgType: 'urgent-care' }),
      };
      for (const [who, client] of Object.entries(readers)) expect({ who, status: (await client.get(path)).status }).toEqual({ who, status: 200 });

      const stranger = await as('C83003', 'booker', { federations: ['F-ELSEWHERE'] });
      expect((await stranger.get(path)).status).toBe(404);
      expect((await stranger.patch(path, { comment: 'x' }, { 'if-match': '"2"' })).status).toBe(404);
      expect((await stranger.post(`${path}/cancel`, { reason: 'x' })).status).toBe(404);
      expect((await stranger.post(`${path}/reschedule`, { slotId: 'any' })).status).toBe(404);
      expect((await stranger.post(`${path}/rebook`, { slotId: 'any', reason: 'x' })).status).toBe(404);
      expect((await stranger.get(`${path}/history`)).status).toBe(404);
      expect((await booker.get(path)).body.version).toBe(2);
    });

    it('lets auditors and urgent care read but not change (403)', async () => {
      const { appointment: made } = await booked();
      const path = `/appointments/${made.id}`;
      const next = await publish();
      for (const client of [await as('X26', 'auditor', { orgType: 'auditor' }), await as('NHS111', 'booker', { orgType: 'urgent-care' })]) {
        expect((await client.patch(path, { comment: 'x' }, { 'if-match': '"2"' })).status).toBe(403);
        expect((await client.post(`${path}/cancel`, { reason: 'x' })).status).toBe(403);
        expect((await client.post(`${path}/reschedule`, { slotId: next.id })).status).toBe(403);
      }
      const auditor = await as('X26', 'auditor', { orgType: 'auditor' });
      expect((await auditor.post(`${path}/rebook`, { slotId: next.id, reason: 'x' })).status).toBe(403);
      expect((await booker.get(path)).body).toMatchObject({ status: 'booked', version: 2 });
    });

    it('lets federation members of the host and of the booker amend and cancel', async () => {
      const { appointment: made } = await booked();
      const path = `/appointments/${made.id}`;
      const amended = await (await as('D84004', 'booker', { federations: ['F-HOST'] })).patch(path, { comment: 'From the hub' }, { 'if-match': '"2"' });
      expect(amended.status).toBe(200);
      const cancelled = await (await as('E85005', 'booker', { federations: ['F-BOOK'] })).post(`${path}/cancel`, { reason: 'Hub cancelled' });
      expect(cancelled.status).toBe(200);
      expect(cancelled.body.status).toBe('cancelled');
    });
  });
});

/**
 * The booking deadline, on a platform of its own with a short BOOKING_DEADLINE_MS and a slot-service that does not
 * answer for one slot until the test lets it.
 */
describe('booking deadline (embedded platform, slot-service held back)', () => {
  const deadlineMs = 1500;
  const gate = new SlotServiceGate();
  const platform = new EmbeddedPlatform({ bookingDeadlineMs: deadlineMs, confirmTimeoutMs: 500 });

  beforeAll(async () => {
    gate.install();
    try {
      await platform.start();
    } finally {
      gate.uninstall();
    }
  });
  afterAll(async () => {
    await gate.open();
    await platform.destroy();
  });

  it('rejects a booking whose slot-service never answers with timeout, and releases the place reserved late', async () => {
    const as = actors(platform.api);
    const [slot] = await publishSlots(platform.api, 'A81001', [slotInput('A81001')]);
    const booker = await as('B82002');
    gate.hold(slot.id);

    const response = await booker.post('/appointments', { slotId: slot.id, patient: { nhsNumber: testNhsNumber() }, description: 'Blood test' });
    expect(response.status).toBe(202);
    expect(response.body.status).toBe('pending');
    const location = response.headers.get('location')!;
    const rejected = await eventually(() => booker.get(location), (r) => r.body.status !== 'pending', deadlineMs + 10_000);
    expect(rejected.body).toMatchObject({ status: 'rejected', rejectionReason: 'timeout' });
    expect(gate.held).toBeGreaterThan(0);

    // The slot-service answers at last: it reserves the place, then handles the release the timeout asked for.
    await gate.open();
    const events = await eventually(
      () => storedEvents(platform.dataDir, 'slot-service').filter((e) => e.data.bookingId === response.body.id),
      (found) => found.some((e) => e.type === 'SlotReleased'),
      10_000,
    );
    expect(events.map((e) => e.type)).toEqual(['SlotReserved', 'SlotReleased']);
    expect(events[1].data.reason).toBe('timeout');

    const admin = await as('A81001', 'provider-admin');
    const freed = await eventually(() => admin.get(`/slots/${slot.id}`), (r) => r.body.remaining === 1, 5000);
    expect(freed.body).toMatchObject({ remaining: 1, status: 'free' });
    expect((await booker.get(location)).body).toMatchObject({ status: 'rejected', rejectionReason: 'timeout' });
    const again = await booker.post('/appointments', { slotId: slot.id, patient: { nhsNumber: testNhsNumber() }, description: 'Blood test' });
    expect(again.status).toBe(201);
  });

  it('times a reschedule out the same way: the appointment keeps its slot and ETag, the late place is released', async () => {
    const as = actors(platform.api);
    const [current, wanted] = await publishSlots(platform.api, 'A81001', [slotInput('A81001'), slotInput('A81001')]);
    const booker = await as('B82002');
    const made = await booker.post('/appointments', { slotId: current.id, patient: { nhsNumber: testNhsNumber() }, description: 'Blood test' });
    const appointment = await eventually(() => booker.get(`/appointments/${made.body.id}`), (r) => r.body.status !== 'pending', 5000);
    expect(appointment.body.status).toBe('booked');
    const etag = appointment.headers.get('etag');
    gate.hold(wanted.id);

    const response = await booker.post(`/appointments/${made.body.id}/reschedule`, { slotId: wanted.id });
    expect(response.status).toBe(202);
    const location = response.headers.get('location')!;
    expect(location).toMatch(new RegExp(`^/appointments/${made.body.id}/reschedules/`));
    const [other] = await publishSlots(platform.api, 'A81001', [slotInput('A81001')]);
    const second = await booker.post(`/appointments/${made.body.id}/reschedule`, { slotId: other.id });
    expect(second.status).toBe(409);
    expect(second.body.code).toBe('reschedule_in_progress');
    const attempt = await eventually(() => booker.get(location), (r) => !['requested', 'reserved'].includes(r.body.status), deadlineMs + 10_000);
    expect(attempt.body).toMatchObject({ status: 'timed-out', slotId: wanted.id });
    const untouched = await booker.get(`/appointments/${made.body.id}`);
    expect(untouched.headers.get('etag')).toBe(etag);
    expect(untouched.body).toMatchObject({ status: 'booked', slotId: current.id });

    await gate.open();
    const events = await eventually(
      () => storedEvents(platform.dataDir, 'slot-service').filter((e) => e.streamId === `slot-${wanted.id}` && e.data.bookingId === made.body.id),
      (found) => found.some((e) => e.type === 'SlotReleased'),
      10_000,
    );
    expect(events.map((e) => e.type)).toEqual(['SlotReserved', 'SlotReleased']);
    expect(events[1].data.reason).toBe('timeout');
    const admin = await as('A81001', 'provider-admin');
    expect((await eventually(() => admin.get(`/slots/${wanted.id}`), (r) => r.body.remaining === 1, 5000)).body.remaining).toBe(1);
    expect((await admin.get(`/slots/${current.id}`)).body.remaining).toBe(0);
    expect((await booker.get(`/appointments/${made.body.id}`)).body).toMatchObject({ status: 'booked', slotId: current.id });
  });

  it('keeps a booking deadline across a restart: a booking left pending while the platform was down is rejected after it', async () => {
    const [slot] = await publishSlots(platform.api, 'A81001', [slotInput('A81001')]);
    const booker = await actors(platform.api)('B82002');
    gate.hold(slot.id);
    const response = await booker.post('/appointments', { slotId: slot.id, patient: { nhsNumber: testNhsNumber() }, description: 'Blood test' });
    expect(response.status).toBe(202);
    expect((await booker.get(`/appointments/${response.body.id}`)).body.status).toBe('pending');
    await platform.stop();
    // The slot-service never saw the request (it was kept back, then lost with the old process).
    gate.discard();
    await sleep(deadlineMs + 200);
    await platform.start();
    const after = await actors(platform.api)('B82002');
    const rejected = await eventually(() => after.get(`/appointments/${response.body.id}`), (r) => r.body.status !== 'pending', 10_000);
    expect(rejected.body).toMatchObject({ status: 'rejected', rejectionReason: 'timeout' });
  });
});
