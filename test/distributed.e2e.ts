import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ApiClient, slotInput, testNhsNumber } from './support/api-client';
import { publishSlots } from './support/actors';
import { buildApps } from './support/built-app';
import { recordViolations } from './support/contract-check';
import { DistributedDeployment } from './support/distributed-deployment';
import { eventually } from './support/eventually';
import { tokenFor } from './support/tokens';

const { KAFKA_BROKERS, MONGODB_URL } = process.env;
const enabled = Boolean(KAFKA_BROKERS && MONGODB_URL);
if (!enabled) {
  console.warn('Distributed end-to-end tests SKIPPED: KAFKA_BROKERS and MONGODB_URL are not set (LOCAL_INFRA=off?); run without LOCAL_INFRA=off to start infra/local');
}


(enabled ? describe : describe.skip)('distributed deployment (four processes, real Kafka, FerretDB read models)', () => {
  let deployment: DistributedDeployment;
  let slots: ApiClient;
  let bookings: ApiClient;
  let registry: ApiClient;
  let notifications: ApiClient;

  const connect = async () => {
    const token = await tokenFor('A81001');
    slots = new ApiClient(deployment.url('slot-service'), token);
    bookings = new ApiClient(deployment.url('booking-service'), token);
    registry = new ApiClient(deployment.url('registry-service'), token);
    notifications = new ApiClient(deployment.url('notification-service'), token);
  };

  /** Publishes as A81001's provider-admin (only that role may publish). */
  const publish = async (input = slotInput('A81001')) => (await publishSlots(slots, 'A81001', [input]))[0];
  const book = (slotId: string, nhsNumber: string) =>
    bookings.post('/appointments', { slotId, patient: { nhsNumber }, description: 'Flu vaccination' });
  /** The settled status of a booking: from the POST if it settled in time, else by polling its Location. */
  const settled = async (response: Awaited<ReturnType<typeof book>>) => {
    if (response.status !== 202) return response.status === 201 ? 'booked' : response.status === 409 ? 'rejected' : `http ${response.status}`;
    const view = await eventually(() => bookings.get(response.headers.get('location')!), (r) => r.body.status !== 'pending', 60_000);
    return view.body.status as string;
  };

  beforeAll(async () => {
    buildApps();
    deployment = new DistributedDeployment(KAFKA_BROKERS!, MONGODB_URL!);
    await deployment.start();
    await connect();
  }, 240_000);

  afterAll(async () => {
    await deployment?.destroy();
  }, 60_000);

  it('books across the services: slot reserved, booking confirmed, registry entry, the confirmation on record', async () => {
    const slot = await publish();
    const response = await book(slot.id, '9434765919');
    // The first booking may wait for the consumer groups to form; the Location answers until it settles.
    expect([201, 202]).toContain(response.status);
    expect(await settled(response)).toBe('booked');
    const appointmentId = response.body.id;

    const appointment = await bookings.get(`/appointments/${appointmentId}`);
    expect(appointment.body).toMatchObject({ status: 'booked', slotId: slot.id, start: slot.start, organisation: 'A81001', version: 2 });

    const entries = await eventually(
      () => registry.get('/registry/patients/9434765919/appointments'),
      (r) => r.body.items.some((e: { appointmentId: string }) => e.appointmentId === appointmentId),
    );
    expect(entries.body.items).toContainEqual(expect.objectContaining({ appointmentId, status: 'booked', start: slot.start }));

    const sent = await eventually(
      () => notifications.get(`/notifications?appointment=${appointmentId}`),
      (r) => r.body.items.some((n: { kind: string; status: string }) => n.kind === 'confirmation' && n.status !== 'scheduled'),
    );
    // No contact details were given: the booker sees that the patient could not be told.
    expect(sent.body.items).toEqual([expect.objectContaining({ appointmentId, kind: 'confirmation', status: 'failed', reason: 'no_contact_details' })]);

    const slotView = await eventually(() => slots.get(`/slots/${slot.id}`), (r) => r.body.status === 'full');
    expect(slotView.body).toMatchObject({ status: 'full', remaining: 0 });
  });

  it('publishes on every topic only records that match their contract (JSON Schema, key, headers)', async () => {
    const topics = ['slot.events.v1', 'booking.events.v1', 'registry.changes.v1', 'notification.events.v1'];
    const records = await eventually(() => deployment.published(), (all) => topics.every((topic) => all.some((record) => record.topic === topic)), 30_000);
    expect(topics.filter((topic) => !records.some((record) => record.topic === topic))).toEqual([]);
    expect(records.flatMap(recordViolations)).toEqual([]);
  });

  it('confirms within the wait once the groups have formed', async () => {
    const slot = await publish();
    const response = await book(slot.id, '9990000018');
    expect(response.status).toBe(201);
    expect(response.headers.get('etag')).toBe('"2"');
  });

  it('gives exactly one 201 and one 409 for two concurrent bookings of a capacity-1 slot', async () => {
    const slot = await publish();
    const responses = await Promise.all([book(slot.id, '4010232137'), book(slot.id, '9000000009')]);
    expect(responses.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(responses.find((r) => r.status === 409)!.body.code).toBe('slot_full');
  });

  it('keeps everything across a restart of every service', async () => {
    const slot = await publish();
    const spare = await publish();
    const response = await book(slot.id, '9434765919');
    expect(await settled(response)).toBe('booked');
    const appointmentId = response.body.id;
    await eventually(() => notifications.get(`/notifications?appointment=${appointmentId}`), (r) => r.body.items.length > 0);

    expect(await deployment.stop()).toEqual([0, 0, 0, 0]);
    await deployment.start();

    expect((await bookings.get(`/appointments/${appointmentId}`)).body).toMatchObject({ status: 'booked', version: 2 });
    const entries = await registry.get('/registry/patients/9434765919/appointments');
    expect(entries.body.items.map((e: { appointmentId: string }) => e.appointmentId)).toContain(appointmentId);
    expect((await notifications.get(`/notifications?appointment=${appointmentId}`)).body.items).toEqual([expect.objectContaining({ kind: 'confirmation' })]);
    expect((await slots.get(`/slots/${slot.id}`)).body.status).toBe('full');

    expect(await settled(await book(slot.id, '4010232137'))).toBe('rejected');
    expect(await settled(await book(spare.id, '4010232137'))).toBe('booked');
  });

  it('tells a 111 service of registry changes on registry.changes.v1, keyed by NHS number, readable by any Kafka client', async () => {
    const nhsNumber = testNhsNumber();
    const slot = await publish();
    const response = await bookings.post('/appointments', {
      slotId: slot.id,
      patient: { nhsNumber, contact: { email: 'pat@example.org' } },
      description: 'Flu vaccination',
    });
    expect(await settled(response)).toBe('booked');
    const appointmentId = response.body.id;
    expect((await bookings.post(`/appointments/${appointmentId}/cancel`, { reason: 'Patient request' })).status).toBe(200);

    const kinds = (r: { body: { items: { kind: string; status: string }[] } }) => r.body.items.filter((n) => n.status === 'sent').map((n) => n.kind).sort();
    const told = await eventually(() => notifications.get(`/notifications?appointment=${appointmentId}`), (r) => kinds(r).length === 2, 30_000);
    expect(kinds(told)).toEqual(['cancellation', 'confirmation']);

    const integration = await tokenFor('NHS111', 'system', { orgType: 'urgent-care' });
    const feed = new ApiClient(deployment.url('registry-service'), integration);
    const fromFeed = await eventually(
      async () => (await feed.get('/registry/changes?limit=1000')).body.items.filter((r: { entry: { nhsNumber: string } }) => r.entry.nhsNumber === nhsNumber),
      (records) => records.length === 2,
      30_000,
    );
    expect(fromFeed.map((r: { change: string }) => r.change)).toEqual(['created', 'cancelled']);

    // Kafka's own console consumer, not the project's client: key|value per line.
    const { stdout } = await promisify(execFile)(
      join(__dirname, '../infra/local/kafka-console-consumer.sh'),
      ['--bootstrap-server', KAFKA_BROKERS!.split(',')[0], '--topic', 'registry.changes.v1', '--from-beginning', '--property', 'print.key=true', '--property', 'key.separator=|', '--timeout-ms', '10000'],
      { maxBuffer: 64 * 1024 * 1024 },
    ).catch((error: { stdout: string }) => error); // it exits non-zero when the timeout ends the read
    const records = stdout
      .split('\n')
      .filter((line) => line.startsWith(`${nhsNumber}|`))
      .map((line) => JSON.parse(line.slice(nhsNumber.length + 1)));
    expect(records.map((record) => record.type)).toEqual(['RegistryEntryChanged', 'RegistryEntryChanged']);
    expect(records.map((record) => record.data.change)).toEqual(['created', 'cancelled']);
    expect(records[1].data.entry).toMatchObject({ appointmentId, nhsNumber, status: 'cancelled', version: 2 });
    expect(records.map((record) => record.data.position)).toEqual(fromFeed.map((r: { position: string }) => r.position));
  }, 90_000);
});
