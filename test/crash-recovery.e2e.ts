import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiClient, slotInput, validNhsNumbers } from './support/api-client';
import { publishSlots } from './support/actors';
import { buildApps } from './support/built-app';
import { eventually, sleep } from './support/eventually';
import { PlatformProcess } from './support/platform-process';
import { countBy, downstreamEffects, storedEvents } from './support/stored-events';
import { tokenFor } from './support/tokens';

/** The embedded platform killed (SIGKILL) in the middle of a burst of bookings, then restarted on the same files. */
describe('crash mid-saga (embedded platform as a real process, SIGKILL, restart)', () => {
  let dataDir: string;
  let platform: PlatformProcess;

  beforeAll(() => {
    buildApps();
    dataDir = mkdtempSync(join(tmpdir(), 'crash-e2e-'));
    platform = new PlatformProcess(dataDir);
  }, 120_000);
  afterAll(async () => {
    await platform?.kill();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('loses no booking and doubles nothing', async () => {
    await platform.start();
    const api = new ApiClient(platform.url, await tokenFor('A81001'));
    const published = await publishSlots(api, 'A81001', Array.from({ length: 60 }, () => slotInput('A81001')));
    const slotIds = published.map((slot) => slot.id);
    const answeredBooked: string[] = [];

    // Three crashes, each in the middle of a burst: two bookings per slot, all at once, and SIGKILL once a few
    // have answered, so the rest are somewhere between request and confirmation.
    for (let round = 0; round < 3; round++) {
      const attempts = slotIds
        .slice(round * 20, round * 20 + 20)
        .flatMap((slotId, i) => [0, 1].map((j) => ({ slotId, nhsNumber: validNhsNumbers[(i + j) % validNhsNumbers.length] })));
      let answered = 0;
      const inFlight = attempts.map(({ slotId, nhsNumber }) =>
        api
          .post('/appointments', { slotId, patient: { nhsNumber }, description: 'Crash test' })
          .then((answer) => (answered++, answer))
          .catch(() => undefined),
      );
      while (answered < 2 + round * 4) await sleep(1);
      await platform.kill();
      for (const answer of await Promise.all(inFlight)) if (answer?.status === 201) answeredBooked.push(answer.body.id);
      await platform.start();
    }

    // Every booking the store accepted settles: none stays pending after the restart.
    const settledBookings = async () => {
      const events = storedEvents(dataDir, 'booking-service');
      const requested = events.filter((e) => e.type === 'BookingRequested').map((e) => e.data.bookingId as string);
      const outcomes = countBy(events.filter((e) => e.type === 'BookingConfirmed' || e.type === 'BookingRejected'), (e) => e.data.bookingId);
      return { events, requested, outcomes };
    };
    const deadline = Date.now() + 30_000;
    const state = await eventually(settledBookings, ({ requested, outcomes }) => requested.every((id) => outcomes.has(id)), 30_000);
    expect(state.requested.filter((id) => !state.outcomes.has(id))).toEqual([]);
    expect([...state.outcomes.values()].every((count) => count === 1)).toBe(true);
    expect(state.requested.length).toBeGreaterThan(0);

    // No slot is reserved twice, and each reservation matches exactly one confirmed booking.
    const slotEvents = storedEvents(dataDir, 'slot-service');
    const reservations = countBy(slotEvents.filter((e) => e.type === 'SlotReserved'), (e) => e.data.slotId);
    expect([...reservations.values()].every((count) => count === 1)).toBe(true);
    const confirmed = state.events.filter((e) => e.type === 'BookingConfirmed').map((e) => e.data.bookingId as string);
    expect(confirmed.sort()).toEqual(slotEvents.filter((e) => e.type === 'SlotReserved').map((e) => e.data.bookingId).sort());

    // Bookings answered 201 before the crash are still booked.
    for (const id of answeredBooked) expect((await api.get(`/appointments/${id}`)).body.status).toBe('booked');

    // Every confirmed booking gets exactly one registry entry and one confirmation, eventually.
    const effects = await eventually(
      () => downstreamEffects(dataDir),
      ({ entries, notifications }) => entries.size >= confirmed.length && notifications.size >= confirmed.length,
      deadline - Date.now(),
    );
    expect([...effects.entries.keys()].sort()).toEqual([...confirmed].sort());
    expect([...effects.notifications.keys()].sort()).toEqual([...confirmed].sort());
    expect([...effects.entries.values(), ...effects.notifications.values()].every((count) => count === 1)).toBe(true);

    // And the platform goes on booking.
    const [fresh] = await publishSlots(api, 'A81001', [slotInput('A81001')]);
    expect((await api.post('/appointments', { slotId: fresh.id, patient: { nhsNumber: '9434765919' }, description: 'After' })).status).toBe(201);
  });
});
