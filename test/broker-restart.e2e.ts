import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isValidNhsNumber } from '../libs/contracts/src/nhs-number';
import { loadKafkaClient } from '../libs/messaging/src/kafka-client';
import { ApiClient, slotInput } from './support/api-client';
import { publishSlots } from './support/actors';
import { buildApps } from './support/built-app';
import { DistributedDeployment, services } from './support/distributed-deployment';
import { eventually, sleep } from './support/eventually';
import { PrivateInfra, privateInfraUnavailable } from './support/private-infra';
import { tokenFor } from './support/tokens';

const unavailable = privateInfraUnavailable();
if (unavailable) {
  console.warn(`Broker-restart end-to-end test SKIPPED: ${unavailable}. It stops and restarts a Kafka broker of its own (infra/local's).`);
}

/** How long POST /appointments waits for the saga: short, so the bookings made while Kafka is down answer 202 soon. */
const confirmTimeoutMs = 1_500;
const bookingDeadlineMs = 300_000;
/** Bookings made while the broker is down; one patient each, so each registry lookup is about one booking. */
const outagePatients = ['9434765919', '9990000018', '4010232137', '9000000009', '9990000026'];
const warmUpPatient = '9990000034';
const afterRestartPatient = '9990000042';
const shutdownPatient = '9990000050';
/** The services' consumer groups (`<service>.<consumer>`). */
const consumerGroups = ['slot-service.booking-requests', 'booking-service.slot-outcomes', 'registry-service.bookings', 'notification-service.bookings'];
/** A group the service's consumer is running in. */
const stableMember = /^STABLE with [1-9]/;
const everyGroupStable = Object.fromEntries(consumerGroups.map((id) => [id, expect.stringMatching(stableMember)]));
/** The services' Kafka consumer session timeout (KafkaBus default): a member that stops heartbeating is gone after it. */
const sessionTimeoutMs = 15_000;


/** State and member count of each consumer group, as the broker sees them. */
async function groupStates(brokers: string): Promise<Record<string, string>> {
  const { Admin } = loadKafkaClient();
  const admin = new Admin({ clientId: 'broker-restart-e2e', bootstrapBrokers: [brokers] });
  try {
    const groups = await admin.describeGroups({ groups: consumerGroups });
    return Object.fromEntries(consumerGroups.map((id) => [id, `${groups.get(id)?.state} with ${groups.get(id)?.members.size ?? 0} member(s)`]));
  } finally {
    await admin.close();
  }
}

(unavailable ? describe.skip : describe)('Kafka broker restart (distributed, four processes, real broker stopped and started)', () => {
  /** The suite's own Kafka and FerretDB: the broker it stops is no one else's. */
  let infra: PrivateInfra;
  let deployment: DistributedDeployment;
  let slots: ApiClient;
  let bookings: ApiClient;
  let registry: ApiClient;
  let notifications: ApiClient;
  const timings: Record<string, number> = {};
  /** Scenarios that ran to their end; the services' logs are kept unless both did. */
  const completed = new Set<string>();
  const timed = async <T>(name: string, work: () => Promise<T>): Promise<T> => {
    const started = Date.now();
    try {
      return await work();
    } finally {
      timings[name] = Date.now() - started;
    }
  };

  const book = (slotId: string, nhsNumber: string) =>
    bookings.post('/appointments', { slotId, patient: { nhsNumber }, description: 'Broker restart' });
  const registryEntries = async (nhsNumber: string) =>
    (await registry.get(`/registry/patients/${nhsNumber}/appointments`)).body.items as { appointmentId: string; status: string }[];
  const notificationsOf = async (appointmentId: string) =>
    (await notifications.get(`/notifications?appointment=${appointmentId}`)).body.items as { appointmentId: string; kind: string }[];

  beforeAll(async () => {
    buildApps();
    infra = await timed('private infra start', () => PrivateInfra.start('broker-restart'));
    // The deadline is well past the outage: this test is about bookings surviving it, not about timeouts.
    deployment = new DistributedDeployment(infra.kafkaBrokers, infra.mongoUrl, {
      env: { BOOKING_CONFIRM_TIMEOUT_MS: String(confirmTimeoutMs), BOOKING_DEADLINE_MS: String(bookingDeadlineMs) },
    });
    await timed('services start', () => deployment.start());
    const token = await tokenFor('A81001');
    slots = new ApiClient(deployment.url('slot-service'), token);
    bookings = new ApiClient(deployment.url('booking-service'), token);
    registry = new ApiClient(deployment.url('registry-service'), token);
    notifications = new ApiClient(deployment.url('notification-service'), token);
  }, 240_000);

  afterAll(async () => {
    const passed = completed.size === 2;
    try {
      // destroy() reads back what the services published: the broker must be up.
      if (infra && !infra.kafka.running()) await infra.kafka.start();
      if (deployment && (!passed || process.env.BROKER_RESTART_KEEP_LOGS)) {
        // destroy() removes the services' logs with their data: keep a copy to see what went wrong.
        const kept = mkdtempSync(join(tmpdir(), 'broker-restart-logs-'));
        for (const service of services) copyFileSync(deployment.logFile(service), join(kept, `${service}.log`));
        console.warn(`broker restart: service logs kept in ${kept}`);
      }
      await deployment?.destroy();
    } finally {
      await infra?.destroy(!passed);
    }
    console.log(`broker restart timings (ms): ${JSON.stringify(timings)}`);
  }, 240_000);

  it('uses distinct valid NHS numbers', () => {
    const all = [...outagePatients, warmUpPatient, afterRestartPatient, shutdownPatient];
    expect(all.filter((n) => !isValidNhsNumber(n))).toEqual([]);
    expect(new Set(all).size).toBe(all.length);
  });

  it('loses nothing and doubles nothing: bookings made while Kafka is down settle once it is back', async () => {
    // 1. The consumer groups have formed (a fresh start joins them in the background) and the saga runs end to end.
    const formed = await timed('groups formed', () =>
      eventually(() => groupStates(infra.kafkaBrokers), (states) => Object.values(states).every((state) => stableMember.test(state)), 60_000, 500),
    );
    expect(formed).toEqual(everyGroupStable);
    const [warmUpSlot] = await publishSlots(slots, 'A81001', [slotInput('A81001')]);
    const warmUp = await timed('warm-up booking', () => book(warmUpSlot.id, warmUpPatient));
    // The first booking after a cold start may outlast the 1.5 s confirm wait on a busy machine (202, pending); it must
    // still settle booked before the broker goes. The booking after the restart below must answer 201 within the wait.
    expect([201, 202]).toContain(warmUp.status);
    const warmedUp = await eventually(() => bookings.get(`/appointments/${warmUp.body.id}`), (answer) => answer.body.status !== 'pending', 30_000);
    expect(warmedUp.body.status).toBe('booked');

    // 2. Only Kafka goes away; FerretDB and the services stay up.
    await timed('broker stop', () => infra.kafka.stop());
    expect(infra.kafka.running()).toBe(false);
    const outageStarted = Date.now();

    // 3. The services keep taking work: slots are published (the slot store and read model need no broker) and
    //    bookings are recorded, answering 202 pending once the confirmation wait is over.
    const published = await publishSlots(slots, 'A81001', outagePatients.map(() => slotInput('A81001')));
    const slotIds = published.map((slot) => slot.id);
    const answers = await timed('bookings while down', () => Promise.all(outagePatients.map((nhsNumber, i) => book(slotIds[i], nhsNumber))));
    expect(answers.map((answer) => answer.status)).toEqual(outagePatients.map(() => 202));
    expect(answers.map((answer) => answer.body.status)).toEqual(outagePatients.map(() => 'pending'));
    const locations = answers.map((answer) => answer.headers.get('location')!);
    const appointmentIds: string[] = answers.map((answer) => answer.body.id);
    expect(new Set(appointmentIds).size).toBe(outagePatients.length);
    // The clients stay down a while: producers retry, consumers lose their group coordinator.
    await sleep(Math.max(0, 5_000 - (Date.now() - outageStarted)));
    expect((await bookings.get(locations[0])).body.status).toBe('pending');
    timings['outage before restart'] = Date.now() - outageStarted;

    // 4. The broker comes back on the same ports.
    await timed('broker start (up.sh)', () => infra.kafka.start());

    // 5. Every booking made during the outage settles as booked, with no duplicate anywhere.
    const settled = await timed('outage bookings settle', () =>
      eventually(
        () => Promise.all(locations.map(async (location) => (await bookings.get(location)).body.status as string)),
        (statuses) => statuses.every((status) => status !== 'pending'),
        90_000,
      ),
    );
    expect(settled).toEqual(outagePatients.map(() => 'booked'));

    const registryDone = await timed('registry entries', () =>
      eventually(
        () => Promise.all(outagePatients.map(registryEntries)),
        (lists) => lists.every((items) => items.length > 0),
        60_000,
      ),
    );
    registryDone.forEach((items, i) => expect(items).toEqual([expect.objectContaining({ appointmentId: appointmentIds[i], status: 'booked' })]));

    const notificationsDone = await timed('confirmations queued', () =>
      eventually(
        () => Promise.all(appointmentIds.map(notificationsOf)),
        (lists) => lists.every((items) => items.length > 0),
        60_000,
      ),
    );
    notificationsDone.forEach((items, i) =>
      expect(items).toEqual([expect.objectContaining({ appointmentId: appointmentIds[i], kind: 'confirmation' })]),
    );

    const slotViews = await eventually(
      () => Promise.all(slotIds.map(async (id) => (await slots.get(`/slots/${id}`)).body)),
      (views) => views.every((view) => view.remaining === 0),
      30_000,
    );
    slotViews.forEach((view) => expect(view).toMatchObject({ remaining: 0, status: 'full' }));

    // 6. A new booking confirms within the wait again.
    const [freshSlot] = await publishSlots(slots, 'A81001', [slotInput('A81001')]);
    const fresh = await timed('booking after restart', () => book(freshSlot.id, afterRestartPatient));
    expect(fresh.status).toBe(201);
    expect(fresh.body.status).toBe('booked');

    // Still exactly one of each after the saga had every chance to repeat itself (late redeliveries included).
    for (const [i, nhsNumber] of outagePatients.entries()) {
      expect((await registryEntries(nhsNumber)).map((e) => e.appointmentId)).toEqual([appointmentIds[i]]);
      expect(await notificationsOf(appointmentIds[i])).toHaveLength(1);
      expect((await bookings.get(locations[i])).body).toMatchObject({ status: 'booked', version: 2 });
    }
    expect((await registryEntries(warmUpPatient)).map((e) => e.appointmentId)).toEqual([warmUp.body.id]);
    expect(await notificationsOf(warmUp.body.id)).toHaveLength(1);

    // 7. The consumers are still members of their groups once a whole session timeout has passed without traffic:
    //    they heartbeat again (a consumer that only fetched would have been dropped from its group by now).
    const idleFrom = Date.now();
    await sleep(sessionTimeoutMs + 5_000);
    timings['idle before group check'] = Date.now() - idleFrom;
    const states = await groupStates(infra.kafkaBrokers);
    expect(states).toEqual(everyGroupStable);
    completed.add('restart');
  }, 180_000);

  it('a service asked to stop while Kafka is down stops cleanly, and what it had not published yet goes out once it is back', async () => {
    await timed('second broker stop', () => infra.kafka.stop());
    const [slot] = await publishSlots(slots, 'A81001', [slotInput('A81001')]);
    const pending = await book(slot.id, shutdownPatient);
    expect(pending.status).toBe(202);
    // booking-service's relay now holds a BookingRequested it cannot publish: SIGTERM must still end the process
    // cleanly (exit 0), not hang until it is killed.
    const codes = await timed('services stop while down', () => deployment.stop());
    expect(codes).toEqual([0, 0, 0, 0]);
    expect(timings['services stop while down']).toBeLessThan(15_000);

    await timed('second broker start (up.sh)', () => infra.kafka.start());
    await timed('services restart', () => deployment.start());
    const settled = await timed('pending booking settles', () =>
      eventually(() => bookings.get(pending.headers.get('location')!), (r) => r.body.status !== 'pending', 90_000),
    );
    expect(settled.body).toMatchObject({ status: 'booked', version: 2 });
    const entries = await eventually(() => registryEntries(shutdownPatient), (items) => items.length > 0, 30_000);
    expect(entries.map((e) => e.appointmentId)).toEqual([pending.body.id]);
    expect(await eventually(() => notificationsOf(pending.body.id), (items) => items.length > 0, 30_000)).toHaveLength(1);
    expect((await slots.get(`/slots/${slot.id}`)).body).toMatchObject({ remaining: 0 });
    completed.add('shutdown');
  }, 180_000);
});
