import { ApiClient, slotInput, testNhsNumber } from './support/api-client';
import { actors, publishSlots } from './support/actors';
import { EmbeddedPlatform } from './support/embedded-platform';
import { eventually, sleep } from './support/eventually';

/**
 * The Appointment Registry and patients' notifications on the embedded platform, over HTTP: every booking change
 * reaches the registry (entry, change feed, access log) and the patient (and a carer) in their channel and language.
 */
describe('registry and notifications (embedded platform)', () => {
  const platform = new EmbeddedPlatform({ notifications: { organisationNames: { C83003: 'Hillside Health Centre' } } });
  let as: ReturnType<typeof actors>;
  let booker: ApiClient;
  let urgentCare: ApiClient;
  let auditor: ApiClient;
  let integration: ApiClient;

  beforeAll(async () => {
    await platform.start();
    as = actors(platform.api);
    booker = await as('B82002', 'booker');
    urgentCare = await as('NHS111', 'booker', { orgType: 'urgent-care' });
    auditor = await as('AUDIT1', 'auditor', { orgType: 'auditor' });
    integration = await as('NHS111', 'system', { orgType: 'urgent-care' });
  });
  afterAll(() => platform.destroy());

  const publish = async (overrides: Record<string, unknown> = {}, organisation = 'A81001') =>
    (await publishSlots(platform.api, organisation, [slotInput(organisation, overrides)]))[0];
  const contact = { phone: '07700 900123', email: 'ann@example.org', preferredChannel: 'sms' };
  const book = async (slotId: string, patient: Record<string, unknown>, extra: Record<string, unknown> = {}) => {
    const response = await booker.post('/appointments', { slotId, patient, description: 'Blood test', ...extra });
    expect(response.status).toBe(201);
    return response.body;
  };
  const patientEntries = (client: ApiClient, nhsNumber: string, query = '') =>
    client.request('GET', `/registry/patients/${nhsNumber}/appointments${query}`, undefined, { 'x-request-purpose': 'direct-care' });
  const notificationsOf = (appointmentId: string, count: number) =>
    eventually(
      () => booker.get(`/notifications?appointment=${appointmentId}`),
      (r) => r.status === 200 && r.body.items.length >= count && r.body.items.every((n: { status: string; kind: string }) => n.status !== 'scheduled' || n.kind === 'reminder'),
    );

  describe('the registry follows every booking change', () => {
    it('creates, moves and cancels one entry per appointment, and 111 finds the live ones', async () => {
      const nhsNumber = testNhsNumber();
      const slot = await publish();
      const appointment = await book(slot.id, { nhsNumber });

      const found = await eventually(() => patientEntries(urgentCare, nhsNumber), (r) => r.body.items?.length === 1);
      const entry = found.body.items[0];
      expect(entry).toMatchObject({ appointmentId: appointment.id, nhsNumber, organisation: 'A81001', status: 'booked', start: slot.start, version: 1, source: 'booking' });
      expect(entry.appointmentUrl).toBe(`/appointments/${appointment.id}`);
      expect(entry).not.toHaveProperty('description');

      const later = await publish();
      expect((await booker.post(`/appointments/${appointment.id}/reschedule`, { slotId: later.id })).status).toBe(200);
      const moved = await eventually(() => patientEntries(urgentCare, nhsNumber), (r) => r.body.items?.[0]?.start === later.start);
      expect(moved.body.items).toEqual([expect.objectContaining({ id: entry.id, start: later.start, end: later.end, version: 2, status: 'booked' })]);

      expect((await booker.post(`/appointments/${appointment.id}/cancel`, { reason: 'Patient request' })).status).toBe(200);
      await eventually(() => patientEntries(urgentCare, nhsNumber), (r) => r.body.items?.length === 0);
      const cancelled = await patientEntries(urgentCare, nhsNumber, '?status=cancelled');
      expect(cancelled.body.items).toEqual([expect.objectContaining({ id: entry.id, status: 'cancelled', version: 3 })]);
    });

    it('cancels a rebooked appointment pointing at its successor, which points back', async () => {
      const nhsNumber = testNhsNumber();
      const old = await book((await publish()).id, { nhsNumber });
      const elsewhere = await publish({}, 'C83003');
      const rebooked = await urgentCare.post(`/appointments/${old.id}/rebook`, { slotId: elsewhere.id, reason: '111 reassessment' });
      expect(rebooked.status).toBe(201);

      const all = await eventually(
        () => patientEntries(urgentCare, nhsNumber, '?status=booked,cancelled'),
        (r) => r.body.items?.some((e: { status: string }) => e.status === 'cancelled'),
      );
      const previous = all.body.items.find((e: { appointmentId: string }) => e.appointmentId === old.id);
      const next = all.body.items.find((e: { appointmentId: string }) => e.appointmentId === rebooked.body.id);
      expect(previous).toMatchObject({ status: 'cancelled', supersededBy: next.id });
      expect(next).toMatchObject({ status: 'booked', supersedes: previous.id, organisation: 'C83003' });
    });

    it('expires an attended appointment', async () => {
      const nhsNumber = testNhsNumber();
      const start = Date.now() + 1_500;
      const soon = await publish({ start: new Date(start).toISOString(), end: new Date(start + 600_000).toISOString() });
      const appointment = await book(soon.id, { nhsNumber });
      await eventually(() => patientEntries(urgentCare, nhsNumber), (r) => r.body.items?.length === 1);
      const clinician = await as('A81001', 'clinician');
      await sleep(Math.max(0, start - Date.now()));
      expect((await clinician.post(`/appointments/${appointment.id}/attendance`, { status: 'attended' })).status).toBe(200);
      const expired = await eventually(() => patientEntries(urgentCare, nhsNumber, '?status=expired'), (r) => r.body.items?.length === 1);
      expect(expired.body.items[0]).toMatchObject({ appointmentId: appointment.id, status: 'expired' });
    });

    it('records every search, refused ones too, for auditors only', async () => {
      const nhsNumber = testNhsNumber();
      const stranger = await as('X99999', 'booker', { orgType: 'council' });
      expect((await patientEntries(stranger, nhsNumber)).status).toBe(403);
      const searched = await urgentCare.request('GET', `/registry/patients/${nhsNumber}/appointments`, undefined, { 'x-request-purpose': 'urgent-care-reassessment' });
      expect(searched.status).toBe(200);

      expect((await booker.get(`/registry/access-log?nhsNumber=${nhsNumber}`)).status).toBe(403);
      const log = await eventually(() => auditor.get(`/registry/access-log?nhsNumber=${nhsNumber}`), (r) => r.body.items?.length === 2);
      expect(log.body.items).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            nhsNumber,
            searcher: expect.objectContaining({ organisation: 'NHS111', role: 'booker' }),
            purpose: 'urgent-care-reassessment',
            outcome: { kind: 'found', count: 0 },
          }),
          expect.objectContaining({ nhsNumber, searcher: expect.objectContaining({ organisation: 'X99999' }), outcome: { kind: 'refused', status: 403 } }),
        ]),
      );
    });

    it('feeds changes in order with a cursor, the same records in both pages', async () => {
      const nhsNumber = testNhsNumber();
      const appointment = await book((await publish()).id, { nhsNumber });
      expect((await booker.post(`/appointments/${appointment.id}/cancel`, { reason: 'Patient request' })).status).toBe(200);
      expect((await booker.get('/registry/changes')).status).toBe(403);

      const mine = async () => {
        const records: any[] = [];
        let after = '';
        for (;;) {
          const page = await integration.get(`/registry/changes?limit=2${after ? `&after=${encodeURIComponent(after)}` : ''}`);
          expect(page.status).toBe(200);
          records.push(...page.body.items);
          if (page.body.items.length === 0) return { records: records.filter((r) => r.entry.nhsNumber === nhsNumber), next: page.body.next };
          after = page.body.next;
        }
      };
      const { records, next } = await eventually(mine, (r) => r.records.length === 2);
      expect(records.map((r) => r.change)).toEqual(['created', 'cancelled']);
      expect(records[1].entry).toMatchObject({ appointmentId: appointment.id, status: 'cancelled', version: 2 });
      expect(Number(records[1].position)).toBeGreaterThan(Number(records[0].position));
      const empty = await integration.get(`/registry/changes?after=${encodeURIComponent(next)}`);
      expect(empty.body.items).toEqual([]);
    });
  });

  describe('providers record bookings made in their own systems', () => {
    it('creates an entry with an ETag and changes it only with If-Match, only as its owner', async () => {
      const nhsNumber = testNhsNumber();
      const provider = await as('C83003', 'system', { orgType: 'gp-practice' });
      const start = new Date(Date.now() + 86_400_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
      const end = new Date(Date.parse(start) + 900_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
      const body = { appointmentId: 'EXT-1', appointmentUrl: 'https://hillside.example/appointments/EXT-1', nhsNumber, organisation: 'C83003', serviceType: 'physiotherapy', start, end };
      const created = await provider.post('/registry/entries', body);
      expect(created.status).toBe(201);
      expect(created.headers.get('etag')).toBe('"1"');
      expect(created.body).toMatchObject({ status: 'booked', source: 'external', nhsNumber });

      expect((await provider.post(`/registry/entries/${created.body.id}/cancel`, {})).status).toBe(428);
      expect((await provider.post(`/registry/entries/${created.body.id}/cancel`, {}, { 'if-match': '"7"' })).status).toBe(412);
      const otherProvider = await as('A81001', 'provider-admin');
      expect((await otherProvider.post(`/registry/entries/${created.body.id}/cancel`, {}, { 'if-match': '"1"' })).status).toBe(403);
      const cancelled = await provider.post(`/registry/entries/${created.body.id}/entered-in-error`, { reason: 'Wrong patient' }, { 'if-match': '"1"' });
      expect(cancelled.status).toBe(200);
      expect(cancelled.body).toMatchObject({ status: 'entered-in-error', version: 2 });
      expect(cancelled.headers.get('etag')).toBe('"2"');
    });
  });

  describe('notifications', () => {
    it('tells the patient by SMS and a carer by email of every change, with reminders that follow the appointment', async () => {
      const nhsNumber = testNhsNumber();
      const slot = await publish({}, 'C83003');
      const supporter = { name: 'Bob Example', relationship: 'son', role: 'carer', contact: { email: 'bob@example.org' } };
      const appointment = await book(slot.id, { nhsNumber, contact }, { supporter });

      const confirmed = await notificationsOf(appointment.id, 2);
      const confirmations = confirmed.body.items.filter((n: { kind: string }) => n.kind === 'confirmation');
      expect(confirmations).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ recipient: expect.objectContaining({ role: 'patient', channel: 'sms' }), status: 'sent', language: 'en' }),
          expect.objectContaining({ recipient: expect.objectContaining({ role: 'supporter', channel: 'email' }), status: 'sent' }),
        ]),
      );
      expect(confirmations[0].message.body).toContain('Hillside Health Centre');
      const reminders = confirmed.body.items.filter((n: { kind: string }) => n.kind === 'reminder');
      // 48 h and 2 h before a slot three days ahead, to both recipients.
      expect(reminders).toHaveLength(4);
      expect(reminders.every((n: { status: string }) => n.status === 'scheduled')).toBe(true);

      const etag = (await booker.get(`/appointments/${appointment.id}`)).headers.get('etag')!;
      expect((await booker.patch(`/appointments/${appointment.id}`, { comment: 'Bring your glasses' }, { 'if-match': etag })).status).toBe(200);
      await eventually(() => booker.get(`/notifications?appointment=${appointment.id}`), (r) => r.body.items.filter((n: { kind: string }) => n.kind === 'amendment').length === 2);

      const later = await publish({}, 'C83003');
      expect((await booker.post(`/appointments/${appointment.id}/reschedule`, { slotId: later.id })).status).toBe(200);
      const moved = await eventually(
        () => booker.get(`/notifications?appointment=${appointment.id}`),
        (r) => r.body.items.filter((n: { kind: string }) => n.kind === 'reschedule').length === 2,
      );
      const reminderStates = moved.body.items.filter((n: { kind: string }) => n.kind === 'reminder').map((n: { status: string }) => n.status);
      expect(reminderStates.filter((s: string) => s === 'cancelled')).toHaveLength(4);
      expect(reminderStates.filter((s: string) => s === 'scheduled')).toHaveLength(4);

      expect((await booker.post(`/appointments/${appointment.id}/cancel`, { reason: 'Patient request' })).status).toBe(200);
      const cancelled = await eventually(
        () => booker.get(`/notifications?appointment=${appointment.id}`),
        (r) => r.body.items.filter((n: { kind: string }) => n.kind === 'cancellation').length === 2,
      );
      expect(cancelled.body.items.filter((n: { kind: string; status: string }) => n.kind === 'reminder' && n.status === 'scheduled')).toEqual([]);
      // One message per change and recipient: 2 confirmations, 2 amendments, 2 reschedules, 2 cancellations.
      const sent = cancelled.body.items.filter((n: { kind: string }) => n.kind !== 'reminder');
      expect(sent).toHaveLength(8);

      const byPatient = await booker.get(`/notifications?patient=${nhsNumber}`);
      expect(byPatient.body.items.map((n: { id: string }) => n.id).sort()).toEqual(cancelled.body.items.map((n: { id: string }) => n.id).sort());
      expect((await (await as('X99999')).get(`/notifications?appointment=${appointment.id}`)).body.items).toEqual([]);
    });

    it('writes in Welsh, and sends large print by letter', async () => {
      const welsh = await book((await publish()).id, { nhsNumber: testNhsNumber(), contact: { email: 'cymraeg@example.org', language: 'cy' } });
      const [message] = (await notificationsOf(welsh.id, 1)).body.items.filter((n: { kind: string }) => n.kind === 'confirmation');
      expect(message).toMatchObject({ language: 'cy', translationRequired: false, recipient: expect.objectContaining({ channel: 'email' }) });
      expect(message.message.body).toMatch(/apwyntiad/i);

      const address = { lines: ['1 High Street', 'Leeds'], postcode: 'LS1 1AA' };
      const largePrint = await book((await publish()).id, { nhsNumber: testNhsNumber(), contact: { phone: '07700900123', address, format: 'large-print', language: 'pl' } });
      const [letter] = (await notificationsOf(largePrint.id, 1)).body.items.filter((n: { kind: string }) => n.kind === 'confirmation');
      expect(letter).toMatchObject({ format: 'large-print', language: 'en', translationRequired: true, recipient: expect.objectContaining({ channel: 'letter' }) });
    });
  });
});
