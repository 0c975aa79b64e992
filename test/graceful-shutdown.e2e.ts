import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Database } from '@app/eventstore/sqlite/driver';
import { ApiClient, slotInput, validNhsNumbers } from './support/api-client';
import { buildApps } from './support/built-app';
import { eventually, sleep } from './support/eventually';
import { PlatformProcess } from './support/platform-process';
import { bookingOutcomes, countBy, downstreamEffects, liveReservations } from './support/stored-events';
import { tokenFor } from './support/tokens';

/** Embedded mode keeps what consumers gave up on in DATA_DIR/platform/dead-letters.sqlite. */
const deadLetters = (dataDir: string): number => {
  const db = new Database(join(dataDir, 'platform', 'dead-letters.sqlite'), { readonly: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM dead_letters').get() as { n: number }).n;
  } finally {
    db.close();
  }
};

/**
 * The embedded platform stopped with SIGTERM in the middle of a burst of bookings, then restarted on the same files.
 * A clean shutdown stops the consumers before the stores close, so nothing it was handling is lost or dead-lettered.
 */
describe('graceful shutdown mid-saga (embedded platform as a real process, SIGTERM, restart)', () => {
  let dataDir: string;
  let platform: PlatformProcess;

  beforeAll(() => {
    buildApps();
    dataDir = mkdtempSync(join(tmpdir(), 'graceful-shutdown-e2e-'));
    platform = new PlatformProcess(dataDir);
  }, 120_000);
  afterAll(async () => {
    await platform?.kill();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('settles every accepted booking exactly once after the restart, with its registry entry and confirmation', async () => {
    await platform.start();
    const admin = new ApiClient(platform.url, await tokenFor('A81001', 'provider-admin'));
    const api = new ApiClient(platform.url, await tokenFor('A81001'));
    const published = await admin.post('/slots', { slots: Array.from({ length: 100 }, () => slotInput('A81001')) });
    expect(published.status).toBe(201);
    const slotIds: string[] = published.body.items.map((slot: { id: string }) => slot.id);

    // Two bookings per slot, all at once; SIGTERM once a few have answered, so the rest arrive during the shutdown
    // (refused) or are in flight (answered before the services stop, then settled).
    let answered = 0;
    const inFlight = slotIds
      .flatMap((slotId, i) => [0, 1].map((j) => ({ slotId, nhsNumber: validNhsNumbers[(i + j) % validNhsNumbers.length] })))
      .map(({ slotId, nhsNumber }) =>
        api
          .post('/appointments', { slotId, patient: { nhsNumber }, description: 'Graceful shutdown' })
          .then((answer) => (answered++, answer))
          .catch(() => undefined),
      );
    while (answered < 6) await sleep(1);
    const stopping = Date.now();
    const exitCode = await platform.stop();
    const answers = await Promise.all(inFlight);
    // A clean exit, promptly: keep-alive connections of the answered requests do not hold the shutdown up.
    expect(exitCode).toBe(0);
    expect(Date.now() - stopping).toBeLessThan(10_000);
    const log = readFileSync(join(dataDir, 'platform.log'), 'utf8');
    expect(log).toContain('SIGTERM: shutting down');
    expect(log).not.toMatch(/shutdown failed|it goes to \S+\.dlq/);
    expect(deadLetters(dataDir)).toBe(0);
    const accepted = answers.filter((answer) => answer?.status === 201 || answer?.status === 202).map((answer) => answer!.body.id as string);
    const answeredBooked = answers.filter((answer) => answer?.status === 201).map((answer) => answer!.body.id as string);
    expect(accepted.length).toBeGreaterThan(0);

    await platform.start();

    // Every booking the store took settles exactly once; every accepted one is among them.
    const state = await eventually(
      () => bookingOutcomes(dataDir),
      ({ requested, outcomes }) => requested.every((id) => outcomes.has(id)),
      60_000,
    );
    expect(state.requested.filter((id) => !state.outcomes.has(id))).toEqual([]);
    expect([...state.outcomes.entries()].filter(([, count]) => count !== 1)).toEqual([]);
    expect(accepted.filter((id) => !state.requested.includes(id))).toEqual([]);
    for (const id of answeredBooked) expect((await api.get(`/appointments/${id}`)).body.status).toBe('booked');

    // No slot holds two bookings; the places held are exactly the confirmed bookings'.
    const confirmedPerSlot = countBy(state.events.filter((e) => e.type === 'BookingConfirmed'), (e) => e.data.slotId);
    expect([...confirmedPerSlot.values()].filter((count) => count > 1)).toEqual([]);
    const held = await eventually(() => liveReservations(dataDir), (reservations) => reservations.length === state.confirmed.length, 30_000);
    expect([...countBy(held, (r) => r.slot).values()].filter((count) => count > 1)).toEqual([]);
    expect(held.map((r) => r.bookingId).sort()).toEqual([...state.confirmed].sort());

    // Every booked appointment has one registry entry and one confirmation.
    const effects = await eventually(
      () => downstreamEffects(dataDir),
      ({ entries, notifications }) => entries.size >= state.confirmed.length && notifications.size >= state.confirmed.length,
      30_000,
    );
    expect([...effects.entries.keys()].sort()).toEqual([...state.confirmed].sort());
    expect([...effects.notifications.keys()].sort()).toEqual([...state.confirmed].sort());
    expect([...effects.entries.values(), ...effects.notifications.values()].filter((count) => count !== 1)).toEqual([]);
    expect(deadLetters(dataDir)).toBe(0);
  }, 180_000);
});
