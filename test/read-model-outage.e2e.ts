import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiClient, slotInput, validNhsNumbers } from './support/api-client';
import { buildApps } from './support/built-app';
import { deadLetterCount } from './support/dead-letters';
import { DistributedDeployment, services } from './support/distributed-deployment';
import { eventually, sleep } from './support/eventually';
import { PrivateInfra, privateInfraUnavailable } from './support/private-infra';
import { bookingOutcomes, countBy, downstreamEffects, liveReservations } from './support/stored-events';
import { tokenFor } from './support/tokens';

const unavailable = privateInfraUnavailable();
if (unavailable) {
  console.warn(`Read-model outage end-to-end test SKIPPED: ${unavailable}. It stops and restarts a FerretDB of its own (infra/local's).`);
}

const outageMs = 10_000;
/**
 * The services give up waiting for FerretDB after 0.5 s (the driver's default is 30 s), so a saga step that needs it
 * during the outage fails with an error, and is retried, instead of just waiting longer than the outage lasts.
 */
const servicesMongoUrl = (url: string) => `${url}${url.includes('?') ? '&' : '/?'}serverSelectionTimeoutMS=500`;
const slotCount = 30;

/**
 * Distributed mode, four processes: FerretDB (read models, checkpoints, processed-message records) goes away for
 * 10 s in the middle of a burst of bookings. Every saga step that meets it waits and retries; none is dead-lettered.
 */
(unavailable ? describe.skip : describe)('read-model outage (distributed, FerretDB stopped mid-saga)', () => {
  /** The suite's own Kafka and FerretDB: the database it stops is no one else's, and the dead letters are its own. */
  let infra: PrivateInfra;
  let deployment: DistributedDeployment;
  let passed = false;

  beforeAll(async () => {
    buildApps();
    infra = await PrivateInfra.start('read-model-outage');
    deployment = new DistributedDeployment(infra.kafkaBrokers, servicesMongoUrl(infra.mongoUrl), { env: { BOOKING_CONFIRM_TIMEOUT_MS: '1500' } });
    await deployment.start();
  }, 240_000);

  afterAll(async () => {
    try {
      // destroy() drops the run's databases: FerretDB must be up.
      if (infra && !infra.ferretdb.running()) await infra.ferretdb.start();
      if (deployment && !passed) {
        const kept = mkdtempSync(join(tmpdir(), 'read-model-outage-logs-'));
        for (const service of services) copyFileSync(deployment.logFile(service), join(kept, `${service}.log`));
        console.warn(`read-model outage: service logs kept in ${kept}`);
      }
      await deployment?.destroy();
    } finally {
      await infra?.destroy(!passed);
    }
  }, 240_000);

  it('settles every booking exactly once, reserves no slot twice and dead-letters nothing', async () => {
    const admin = new ApiClient(deployment.url('slot-service'), await tokenFor('A81001', 'provider-admin'));
    const bookings = new ApiClient(deployment.url('booking-service'), await tokenFor('A81001'));
    const published = await admin.post('/slots', { slots: Array.from({ length: slotCount }, () => slotInput('A81001')) });
    expect(published.status).toBe(201);
    const slotIds: string[] = published.body.items.map((slot: { id: string }) => slot.id);
    const deadLettersBefore = await deadLetterCount(infra.kafkaBrokers);

    // Two bookings per slot. The first half all at once; FerretDB goes away once a few have answered, so the rest
    // meet it somewhere between request and confirmation. The second half comes during the outage: each of its
    // sagas meets it at every step (the slot-service's reservation, the booking's outcome, the registry and
    // notification consumers, the projections and relays).
    let answered = 0;
    const book = (slotId: string, i: number) =>
      [0, 1].map((j) =>
        bookings
          .post('/appointments', { slotId, patient: { nhsNumber: validNhsNumbers[(i + j) % validNhsNumbers.length] }, description: 'Read-model outage' })
          .then((answer) => (answered++, answer))
          .catch(() => undefined),
      );
    const half = slotCount / 2;
    const inFlight = slotIds.slice(0, half).flatMap(book);
    while (answered < 4) await sleep(5);
    await infra.ferretdb.stop();
    const outageStarted = Date.now();
    inFlight.push(...slotIds.slice(half).flatMap((slotId, i) => book(slotId, half + i)));
    await sleep(outageMs - (Date.now() - outageStarted));
    await infra.ferretdb.start();
    const answers = await Promise.all(inFlight);
    const accepted = answers.filter((answer) => answer?.status === 201 || answer?.status === 202).map((answer) => answer!.body.id as string);
    expect(accepted.length).toBeGreaterThan(0);

    // Every booking the store accepted settles exactly once, whatever its HTTP answer was.
    const state = await eventually(
      () => bookingOutcomes(deployment.dataDir),
      ({ requested, outcomes }) => requested.every((id) => outcomes.has(id)),
      120_000,
    );
    expect(state.requested.filter((id) => !state.outcomes.has(id))).toEqual([]);
    expect([...state.outcomes.entries()].filter(([, count]) => count !== 1)).toEqual([]);
    expect(accepted.filter((id) => !state.requested.includes(id))).toEqual([]);

    // No slot holds two bookings; the places held are exactly the confirmed bookings' (late ones get released).
    const confirmedPerSlot = countBy(
      state.events.filter((e) => e.type === 'BookingConfirmed'),
      (e) => e.data.slotId,
    );
    expect([...confirmedPerSlot.values()].filter((count) => count > 1)).toEqual([]);
    const held = await eventually(
      () => liveReservations(deployment.dataDir),
      (reservations) => reservations.length === state.confirmed.length,
      60_000,
    );
    expect([...countBy(held, (r) => r.slot).values()].filter((count) => count > 1)).toEqual([]);
    expect(held.map((r) => r.bookingId).sort()).toEqual([...state.confirmed].sort());

    // The read models caught up: the API shows every accepted booking settled.
    const views = await eventually(
      () => Promise.all(accepted.map(async (id) => (await bookings.get(`/appointments/${id}`)).body?.status as string)),
      (statuses) => statuses.every((status) => status === 'booked' || status === 'rejected'),
      60_000,
    );
    expect(views.filter((status) => status !== 'booked' && status !== 'rejected')).toEqual([]);

    // Every confirmed booking gets one registry entry and one confirmation.
    const effects = await eventually(
      () => downstreamEffects(deployment.dataDir),
      ({ entries, notifications }) => entries.size >= state.confirmed.length && notifications.size >= state.confirmed.length,
      60_000,
    );
    expect([...effects.entries.keys()].sort()).toEqual([...state.confirmed].sort());
    expect([...effects.notifications.keys()].sort()).toEqual([...state.confirmed].sort());
    expect([...effects.entries.values(), ...effects.notifications.values()].filter((count) => count !== 1)).toEqual([]);

    // The outage did meet saga steps, which waited and retried; nothing was given up on: no dead letter on the
    // broker, none logged.
    const logs = services.map((service) => readFileSync(deployment.logFile(service), 'utf8'));
    expect(logs.some((log) => /could not handle \S+ \S+ from .*retrying/.test(log))).toBe(true);
    expect(await deadLetterCount(infra.kafkaBrokers)).toBe(deadLettersBefore);
    for (const log of logs) expect(log).not.toMatch(/goes to the dlq|it goes to \S+\.dlq/);
    passed = true;
  }, 300_000);
});
