import { readFileSync, rmSync } from 'node:fs';
import { auditVerify } from '../apps/ops/src/audit-verify';
import { replay } from '../apps/ops/src/replay';
import { run } from '../apps/ops/src/testing/run';
import { eventually } from './support/eventually';
import { storedEvents } from './support/stored-events';
import { tokenFor } from './support/tokens';
import { FixtureAnswer, FixtureFile, answersOf, copyOfFixtureData, fixturePlatform, releaseFixtureAnswers } from './fixtures/release-fixture';

/**
 * Stores written by release 0.1 (test/fixtures/release-0.1, made by make-release-fixture.ts with that release's
 * code) load with today's code and answer every read exactly as release 0.1 did: events stored under older
 * schema versions are upcast on reading, and nothing a client sees changes. Then the stores take new events in
 * the current versions beside the old ones.
 */
describe('stores of release 0.1 (embedded platform)', () => {
  const recorded = JSON.parse(readFileSync(releaseFixtureAnswers, 'utf8')) as FixtureFile;
  const dataDir = copyOfFixtureData();
  let platform: Awaited<ReturnType<typeof fixturePlatform>>;
  let answers: Record<string, FixtureAnswer>;
  const bodyOf = (name: string) => recorded.answers[name].body as Record<string, any>;

  beforeAll(async () => {
    // A service that cannot read the old events never finishes starting (its read models retry): say so in time.
    const stalled = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('the platform did not start on the release 0.1 stores within 60 s')), 60_000).unref());
    platform = await Promise.race([fixturePlatform(dataDir), stalled]);
    // All at once and in the recorded order: a registry search records itself, so a later answer depends on it.
    answers = await answersOf(platform.api, recorded.requests);
  });
  afterAll(async () => {
    await platform?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('asks what the fixture recorded', () => {
    expect(recorded.requests.length).toBeGreaterThan(100);
    expect(Object.keys(answers)).toEqual(recorded.requests.map((request) => request.name));
  });

  it.each(recorded.requests.map((request) => [request.name, request.path]))('%s (GET %s) answers byte for byte as release 0.1 did', (name) =>
    expect(JSON.stringify(answers[name], null, 2)).toBe(JSON.stringify(recorded.answers[name], null, 2)));

  it('moves an appointment release 0.1 moved: the new move stored as BookingRescheduled v2 beside the v1, the history showing each as stored', async () => {
    const ann = bodyOf('appointment ann');
    const free = bodyOf('slot heldOnly');
    const booker = platform.api.withToken(await tokenFor('B82002', 'booker', { federations: ['F-BOOK'] }));
    const moved = await booker.post(`/appointments/${ann.id}/reschedule`, { slotId: free.id });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ slotId: free.id, start: free.start, version: ann.version + 1, patient: ann.patient });

    const rescheduled = storedEvents(dataDir, 'booking-service').filter((e) => e.type === 'BookingRescheduled' && e.data.bookingId === ann.id);
    expect(rescheduled.map((e) => e.version)).toEqual([1, 2]);
    expect(rescheduled[1].data).toEqual({ bookingId: ann.id, place: expect.objectContaining({ slotId: free.id }), previous: expect.objectContaining({ slotId: ann.slotId, start: ann.start }) });

    const auditor = platform.api.withToken(await tokenFor('AUDIT1', 'auditor', { orgType: 'auditor' }));
    const history = (await auditor.get(`/appointments/${ann.id}/history`)).body.items.filter((item: { type: string }) => item.type === 'BookingRescheduled');
    expect(history.map((item: { data: Record<string, unknown> }) => [item.data.slotId, (item.data.place as { slotId?: string } | undefined)?.slotId])).toEqual([
      [ann.slotId, undefined],
      [undefined, free.id],
    ]);
    // The registry follows from BookingRescheduledV1, unchanged: the entry moves.
    const registry = platform.api.withToken(await tokenFor('NHS111', 'booker', { orgType: 'urgent-care' }));
    const entries = await eventually(
      () => registry.request('GET', `/registry/patients/${ann.patient.nhsNumber}/appointments`, undefined, { 'x-request-purpose': 'direct-care' }),
      (r) => r.body.items?.some((entry: { start: string }) => entry.start === free.start),
    );
    expect(entries.body.items).toContainEqual(expect.objectContaining({ appointmentId: ann.id, start: free.start, end: free.end }));
  });
});

/**
 * The ops commands on release 0.1's stores: the hash chain is added on opening (audit:verify agrees), and a replay
 * reads the older event versions through the same upcasters as the services (a v1 BookingRescheduled fed to
 * today's appointment view as it was stored would fail the replay).
 */
describe('ops commands on the stores of release 0.1', () => {
  const dataDir = copyOfFixtureData();
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it.each(['slot-service', 'booking-service', 'registry-service', 'notification-service'])('npm run replay -- --service %s --verify', async (service) => {
    const { code, stdout } = await run(replay, ['--service', service, '--verify'], { DATA_DIR: dataDir });
    expect(stdout).toContain('identical');
    expect(code).toBe(0);
  });

  it('npm run audit:verify: every store of release 0.1, chained on opening, verifies', async () => {
    const { code, stdout } = await run(auditVerify, [], { DATA_DIR: dataDir });
    expect(stdout).toMatch(/booking-service/);
    expect(code).toBe(0);
  });
});
