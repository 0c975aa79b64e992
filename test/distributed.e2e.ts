import { ApiClient, slotInput } from './support/api-client';
import { publishSlots } from './support/actors';
import { buildApps } from './support/built-app';
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

  it('books across the services: slot reserved, booking confirmed, registry entry, confirmation queued', async () => {
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

    const queued = await eventually(() => notifications.get(`/notifications?appointment=${appointmentId}`), (r) => r.body.items.length > 0);
    expect(queued.body.items).toEqual([expect.objectContaining({ appointmentId, kind: 'confirmation', channel: 'outbox', status: 'queued' })]);

    const slotView = await eventually(() => slots.get(`/slots/${slot.id}`), (r) => r.body.status === 'full');
    expect(slotView.body).toMatchObject({ status: 'full', remaining: 0 });
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
    expect((await notifications.get(`/notifications?appointment=${appointmentId}`)).body.items).toHaveLength(1);
    expect((await slots.get(`/slots/${slot.id}`)).body.status).toBe('full');

    expect(await settled(await book(slot.id, '4010232137'))).toBe('rejected');
    expect(await settled(await book(spare.id, '4010232137'))).toBe('booked');
  });
});
