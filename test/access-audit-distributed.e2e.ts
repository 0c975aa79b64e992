import { ApiClient, slotInput, testNhsNumber } from './support/api-client';
import { publishSlots } from './support/actors';
import { buildApps } from './support/built-app';
import { DistributedDeployment } from './support/distributed-deployment';
import { eventually } from './support/eventually';
import { storedEvents } from './support/stored-events';
import { tokenFor } from './support/tokens';

const { KAFKA_BROKERS, MONGODB_URL } = process.env;
const enabled = Boolean(KAFKA_BROKERS && MONGODB_URL);
if (!enabled) {
  console.warn('Distributed access audit tests SKIPPED: KAFKA_BROKERS and MONGODB_URL are not set (LOCAL_INFRA=off?); run without LOCAL_INFRA=off to start infra/local');
}

/** Each service records its own requests (DATA_DIR/audit-<service>); any of them answers for all, from the shared audit database. */
(enabled ? describe : describe.skip)('access audit (distributed: four processes, Kafka, FerretDB)', () => {
  let deployment: DistributedDeployment;
  const client = async (service: Parameters<DistributedDeployment['url']>[0], org: string, role: Parameters<typeof tokenFor>[1], options = {}) =>
    new ApiClient(deployment.url(service), await tokenFor(org, role, options));

  beforeAll(async () => {
    buildApps();
    deployment = new DistributedDeployment(KAFKA_BROKERS!, MONGODB_URL!);
    await deployment.start();
  }, 240_000);
  afterAll(() => deployment?.destroy(), 60_000);

  it('answers /audit/access on one service with a request made to another', async () => {
    const nhsNumber = testNhsNumber();
    const bookings = await client('booking-service', 'A81001', 'clinician');
    const correlationId = `distributed-audit-${Date.now()}`;
    expect((await bookings.request('GET', `/appointments?patient=${nhsNumber}`, undefined, { 'x-correlation-id': correlationId })).status).toBe(200);
    // Durable before the answer, in the booking-service's own audit store.
    expect(storedEvents(deployment.dataDir, 'audit-booking-service').filter((event) => event.data.correlationId === correlationId)).toHaveLength(1);

    const auditor = await client('registry-service', 'CQC', 'auditor', { orgType: 'regulator' });
    const answer = await eventually(() => auditor.get(`/audit/access?nhsNumber=${nhsNumber}`), (r) => r.body.items?.length === 1, 30_000);
    expect(answer.body.items).toEqual([
      expect.objectContaining({ recordedBy: 'booking-service', method: 'GET', route: '/appointments', nhsNumber, correlationId, status: 200, outcome: 'allowed' }),
    ]);
    expect((await (await client('notification-service', 'A81001', 'booker')).get('/audit/access')).status).toBe(403);
  });

  it('tells a booking’s story across the four processes from any of them', async () => {
    const [slot] = await publishSlots(await client('slot-service', 'A81001', 'provider-admin'), 'A81001', [slotInput('A81001')]);
    const bookings = await client('booking-service', 'A81001', 'booker');
    const correlationId = `distributed-story-${Date.now()}`;
    const booked = await bookings.post('/appointments', { slotId: slot.id, patient: { nhsNumber: testNhsNumber(), contact: { phone: '07700900123' } }, description: 'Flu vaccination' }, { 'x-correlation-id': correlationId });
    expect([201, 202]).toContain(booked.status);
    const auditor = await client('notification-service', 'CQC', 'auditor', { orgType: 'regulator' });
    const services = (items: { service: string }[]) => new Set(items.map((item) => item.service));
    const answer = await eventually(
      () => auditor.get(`/audit/timeline?correlationId=${correlationId}`),
      (r) => services(r.body.items ?? []).size === 4,
      60_000,
    );
    expect(services(answer.body.items)).toEqual(new Set(['booking-service', 'slot-service', 'registry-service', 'notification-service']));
    expect(answer.body.items[0]).toMatchObject({ service: 'booking-service', type: 'AccessRecorded', request: { method: 'POST', route: '/appointments' } });
    expect(answer.body.items.map((item: { type: string }) => item.type)).toEqual(expect.arrayContaining(['BookingRequested', 'SlotReserved', 'BookingConfirmed', 'RegistryEntryCreated']));
  });

  it('stops cleanly: HTTP, then the audit, then the service', async () => {
    expect(await deployment.stop()).toEqual([0, 0, 0, 0]);
  });
});
