import { ApiClient, slotInput, testNhsNumber } from './support/api-client';
import { actors, publishSlots } from './support/actors';
import { EmbeddedPlatform } from './support/embedded-platform';
import { eventually } from './support/eventually';
import { storedEvents } from './support/stored-events';

/** The access audit on the embedded platform (real SQLite in DATA_DIR/audit), over HTTP. */
describe('access audit (embedded platform)', () => {
  const platform = new EmbeddedPlatform();
  let as: ReturnType<typeof actors>;
  let auditor: ApiClient;
  let booker: ApiClient;

  beforeAll(async () => {
    await platform.start();
    as = actors(platform.api);
    auditor = await as('CQC', 'auditor', { orgType: 'regulator' });
    booker = await as('B82002', 'booker', { federations: ['F-BOOK'] });
  });
  afterAll(() => platform.destroy());

  /** The AccessRecorded data in the SQLite audit store, as written (read with plain SQLite, not through the platform). */
  const stored = () => storedEvents(platform.dataDir, 'audit').map((event) => ({ type: event.type, ...event.data }));
  const storedFor = (correlationId: string) => stored().filter((record) => record.correlationId === correlationId);
  const correlation = () => ({ 'x-correlation-id': `audit-${Math.random().toString(36).slice(2)}` });

  const bookOne = async (client = booker, nhsNumber = testNhsNumber()) => {
    const [slot] = await publishSlots(platform.api, 'A81001', [slotInput('A81001')], { federations: ['F-HOST'] });
    const headers = correlation();
    const patient = { nhsNumber, contact: { phone: '07700900123' } };
    const response = await client.post('/appointments', { slotId: slot.id, patient, description: 'Blood test' }, headers);
    expect(response.status).toBe(201);
    return { slot, appointment: response.body, correlationId: headers['x-correlation-id'], nhsNumber };
  };

  describe('recording', () => {
    it('stores every request before it is answered: actor, purpose, method, route template, resource ids, outcome, correlation id', async () => {
      const { appointment } = await bookOne();
      const headers = { ...correlation(), 'x-request-purpose': 'care-coordination' };
      const read = await booker.request('GET', `/appointments/${appointment.id}`, undefined, headers);
      expect(read.status).toBe(200);
      // No waiting: the answer came after the record was in the store.
      expect(storedFor(headers['x-correlation-id'])).toEqual([
        {
          type: 'AccessRecorded',
          at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
          recordedBy: 'platform',
          actor: { user: 'B82002-booker', organisation: 'B82002', organisationType: 'gp-practice', role: 'booker' },
          authentication: 'token',
          purpose: 'care-coordination',
          method: 'GET',
          route: '/appointments/:id',
          resourceIds: { id: appointment.id },
          status: 200,
          outcome: 'allowed',
          correlationId: headers['x-correlation-id'],
        },
      ]);
    });

    it('records a read answered 404 because access was denied as denied, a missing one as not-found', async () => {
      const { appointment } = await bookOne();
      const stranger = await as('Z99999', 'booker');
      const denied = correlation();
      const missing = correlation();
      expect((await stranger.request('GET', `/appointments/${appointment.id}`, undefined, denied)).status).toBe(404);
      expect((await stranger.request('GET', '/appointments/no-such-appointment', undefined, missing)).status).toBe(404);
      expect(storedFor(denied['x-correlation-id'])).toEqual([expect.objectContaining({ status: 404, outcome: 'denied', resourceIds: { id: appointment.id } })]);
      expect(storedFor(missing['x-correlation-id'])).toEqual([expect.objectContaining({ status: 404, outcome: 'not-found' })]);
    });

    it('records a registry entry read by someone who may not read the registry as denied', async () => {
      const council = await as('LA001', 'booker', { orgType: 'local-authority' });
      const headers = correlation();
      expect((await council.request('GET', '/registry/entries/some-entry', undefined, headers)).status).toBe(404);
      expect(storedFor(headers['x-correlation-id'])).toEqual([expect.objectContaining({ route: '/registry/entries/:id', outcome: 'denied' })]);
    });

    it('records a slot read by an organisation it is not open to as denied', async () => {
      const [slot] = await publishSlots(platform.api, 'A81001', [slotInput('A81001', { bookableBy: { organisations: ['A81001'] } })]);
      const headers = correlation();
      expect((await booker.request('GET', `/slots/${slot.id}`, undefined, headers)).status).toBe(404);
      expect(storedFor(headers['x-correlation-id'])).toEqual([expect.objectContaining({ route: '/slots/:id', resourceIds: { id: slot.id }, outcome: 'denied' })]);
    });

    it('records requests without a valid token (401) as such, and 403s as denied', async () => {
      const none = correlation();
      const forged = correlation();
      const refused = correlation();
      expect((await platform.api.request('GET', '/appointments?patient=9434765919', undefined, none)).status).toBe(401);
      expect((await platform.api.request('GET', '/slots/x', undefined, { ...forged, authorization: 'Bearer not-a-token' })).status).toBe(401);
      expect((await (await as('A81001', 'booker')).request('GET', '/audit/access', undefined, refused)).status).toBe(403);
      expect(storedFor(none['x-correlation-id'])).toEqual([
        expect.objectContaining({ actor: null, authentication: 'no-token', status: 401, outcome: 'unauthenticated', route: '/appointments', nhsNumber: '9434765919' }),
      ]);
      expect(storedFor(forged['x-correlation-id'])).toEqual([expect.objectContaining({ actor: null, authentication: 'invalid-token', route: '/slots/:id', resourceIds: { id: 'x' } })]);
      expect(storedFor(refused['x-correlation-id'])).toEqual([expect.objectContaining({ route: '/audit/access', status: 403, outcome: 'denied' })]);
    });

    it('does not record /health', async () => {
      const before = stored().length;
      expect((await platform.api.get('/health')).status).toBe(200);
      expect(stored().slice(before).filter((record) => record.route === '/health')).toEqual([]);
    });

    it('records the NHS number from the path, the query, and a booking’s body', async () => {
      const patient = testNhsNumber();
      const search = correlation();
      const list = correlation();
      const clinician = await as('A81001', 'clinician');
      await clinician.request('GET', `/registry/patients/${patient}/appointments`, undefined, search);
      await clinician.request('GET', `/appointments?patient=${patient}`, undefined, list);
      const { correlationId } = await bookOne(booker, patient);
      expect(storedFor(search['x-correlation-id'])).toEqual([expect.objectContaining({ nhsNumber: patient, resourceIds: {}, route: '/registry/patients/:nhsNumber/appointments' })]);
      expect(storedFor(list['x-correlation-id'])).toEqual([expect.objectContaining({ nhsNumber: patient })]);
      expect(storedFor(correlationId)).toEqual([expect.objectContaining({ method: 'POST', route: '/appointments', nhsNumber: patient, status: 201 })]);
    });
  });

  describe('GET /audit/access', () => {
    it('is for auditors only', async () => {
      for (const role of ['booker', 'clinician', 'provider-admin', 'system'] as const) {
        expect((await (await as('A81001', role)).get('/audit/access')).status).toBe(403);
      }
      expect((await auditor.get('/audit/access')).status).toBe(200);
    });

    it('lists newest first, filtered by NHS number, organisation, time and outcome, a page at a time', async () => {
      const since = new Date().toISOString();
      const { nhsNumber } = await bookOne();
      const stranger = await as('Z77777', 'booker');
      await stranger.get(`/appointments?patient=${nhsNumber}`);
      await stranger.get('/appointments/not-there');

      const ofPatient = await auditor.get(`/audit/access?nhsNumber=${nhsNumber}`);
      expect(ofPatient.status).toBe(200);
      expect(ofPatient.body.items.map((item: { actor: { organisation: string }; route: string }) => [item.actor.organisation, item.route])).toEqual([
        ['Z77777', '/appointments'],
        ['B82002', '/appointments'],
      ]);
      const ofStranger = await auditor.get(`/audit/access?organisation=Z77777&from=${encodeURIComponent(since)}`);
      expect(ofStranger.body.items.map((item: { status: number }) => item.status)).toEqual([404, 200]);
      const notFound = await auditor.get(`/audit/access?organisation=Z77777&outcome=not-found`);
      expect(notFound.body.items).toEqual([expect.objectContaining({ route: '/appointments/:id', resourceIds: { id: 'not-there' }, outcome: 'not-found', sequence: expect.any(String) })]);
      expect((await auditor.get(`/audit/access?organisation=Z77777&to=${encodeURIComponent(since)}`)).body.items).toEqual([]);

      const all = await auditor.get('/audit/access?limit=500');
      const keys = all.body.items.map((item: { at: string }) => item.at);
      expect(keys).toEqual([...keys].sort().reverse());
      const paged: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await auditor.get(`/audit/access?limit=4&to=${encodeURIComponent(all.body.items[0].at)}${cursor ? `&cursor=${cursor}` : ''}`);
        paged.push(...page.body.items.map((item: { id: string }) => item.id));
        cursor = page.body.next;
      } while (cursor);
      const olderThanFirst = all.body.items.filter((item: { at: string }) => item.at < all.body.items[0].at).map((item: { id: string }) => item.id);
      expect(paged).toEqual(olderThanFirst);

      expect((await auditor.get('/audit/access?outcome=maybe')).status).toBe(400);
      expect((await auditor.get('/audit/access?cursor=nonsense')).status).toBe(400);
    });
  });

  describe('GET /audit/timeline', () => {
    type Step = { service: string; type: string; at: string; appointmentIds: string[]; request?: { route: string } };
    const story = (items: Step[]) => items.map((item) => `${item.service} ${item.type === 'AccessRecorded' ? `${item.request!.route}` : item.type}`);

    it('is for auditors only, and needs exactly one of correlationId and appointmentId', async () => {
      expect((await booker.get('/audit/timeline?correlationId=x')).status).toBe(403);
      expect((await auditor.get('/audit/timeline')).status).toBe(400);
      expect((await auditor.get('/audit/timeline?correlationId=x&appointmentId=y')).status).toBe(400);
    });

    it('tells a booking’s story across services, in order: the request, the booking, the slot, the registry, the notifications', async () => {
      const { appointment, correlationId } = await bookOne();
      const answer = await eventually(
        () => auditor.get(`/audit/timeline?correlationId=${correlationId}`),
        (r) => story(r.body.items).includes('notification-service NotificationScheduled') && story(r.body.items).includes('registry-service RegistryEntryCreated'),
        10_000,
      );
      const steps = story(answer.body.items);
      expect(steps.slice(0, 2)).toEqual(['platform /appointments', 'booking-service BookingRequested']);
      expect(steps).toEqual(expect.arrayContaining(['slot-service SlotReserved', 'booking-service BookingConfirmed', 'notification-service NotificationScheduled']));
      const times = answer.body.items.map((item: Step) => item.at);
      expect(times).toEqual([...times].sort());
      // Steps of different services in the same millisecond have no order of their own: compare times, not places.
      const at = (type: string) => answer.body.items.find((item: Step) => item.type === type).at;
      expect(at('SlotReserved') <= at('BookingConfirmed') && at('BookingConfirmed') <= at('RegistryEntryCreated')).toBe(true);
      expect(answer.body.items[1]).toEqual({
        at: expect.any(String),
        service: 'booking-service',
        type: 'BookingRequested',
        actor: { organisation: 'B82002', organisationType: 'gp-practice', user: 'B82002-booker', role: 'booker' },
        correlationId,
        causationId: expect.any(String),
        appointmentIds: [appointment.id],
        position: expect.any(String),
      });
      expect(answer.body.items[0]).toMatchObject({ type: 'AccessRecorded', reason: 'direct-care', request: { method: 'POST', route: '/appointments', status: 201, outcome: 'allowed' } });
    });

    it('shows a refused reservation with its reason', async () => {
      const { slot } = await bookOne();
      const headers = correlation();
      const refused = await booker.post('/appointments', { slotId: slot.id, patient: { nhsNumber: testNhsNumber() }, description: 'Blood test' }, headers);
      expect(refused.status).toBe(409);
      const answer = await eventually(
        () => auditor.get(`/audit/timeline?correlationId=${headers['x-correlation-id']}`),
        (r) => story(r.body.items).includes('booking-service BookingRejected'),
        10_000,
      );
      expect(answer.body.items.find((item: Step) => item.type === 'SlotReservationRejected')).toMatchObject({ service: 'slot-service', reason: expect.any(String) });
    });

    it('follows a rebook’s chain from either appointment and shows both', async () => {
      const { appointment: old } = await bookOne();
      const [next] = await publishSlots(platform.api, 'A81001', [slotInput('A81001')], { federations: ['F-HOST'] });
      const rebooked = await booker.post(`/appointments/${old.id}/rebook`, { slotId: next.id, reason: 'Reassessed: needs a longer slot' });
      expect(rebooked.status).toBe(201);
      await eventually(() => booker.get(`/appointments/${old.id}`), (r) => r.body.status === 'cancelled', 10_000);
      for (const id of [old.id, rebooked.body.id]) {
        const answer = await eventually(
          () => auditor.get(`/audit/timeline?appointmentId=${id}`),
          (r) => story(r.body.items).includes('booking-service BookingCancelled'),
          10_000,
        );
        const steps: Step[] = answer.body.items;
        const concerned = new Set(steps.flatMap((step) => step.appointmentIds));
        expect(concerned).toEqual(new Set([old.id, rebooked.body.id]));
        expect(story(steps)).toEqual(expect.arrayContaining(['platform /appointments', 'platform /appointments/:id/rebook', 'booking-service BookingCancelled', 'platform /appointments/:id']));
        expect(steps.find((step) => step.type === 'BookingCancelled')).toMatchObject({ reason: 'superseded', appointmentIds: [old.id, rebooked.body.id] });
      }
    });
  });
});
