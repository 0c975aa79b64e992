import { ApiClient, slotInput, testNhsNumber } from './support/api-client';
import { actors, publishSlots } from './support/actors';
import { EmbeddedPlatform } from './support/embedded-platform';
import { eventually, sleep } from './support/eventually';

/**
 * Reminders and registry expiry are deadlines kept in the event stores: ones that fell due while the platform was
 * down are dealt with once it is back — a reminder still before its appointment is sent once, one whose appointment
 * has started is dropped and recorded so, an entry whose appointment ended is expired.
 */
describe('scheduled work across a restart (embedded platform)', () => {
  const reminderOffsetMs = 7_000;
  const platform = new EmbeddedPlatform({
    notifications: { reminderOffsetsMs: [reminderOffsetMs], dispatchPollMs: 200 },
    registry: { expiryGraceMs: 500, sweepPollMs: 200 },
  });
  afterAll(() => platform.destroy());

  it('sends a due reminder once, drops a late one, and expires an ended entry after downtime', async () => {
    await platform.start();
    const as = actors(platform.api);
    const t0 = Date.now();
    const at = (ms: number) => new Date(t0 + ms).toISOString();
    // Its reminder falls due at t0 + 11 s, while the platform is down, and its appointment starts at t0 + 18 s.
    const stillAhead = slotInput('A81001', { start: at(18_000), end: at(19_000) });
    // Its reminder falls due at t0 + 3 s (down); the appointment starts at t0 + 10 s and ends at t0 + 11 s (down).
    const startedWhileDown = slotInput('A81001', { start: at(10_000), end: at(11_000) });
    const [ahead, started] = await publishSlots(platform.api, 'A81001', [stillAhead, startedWhileDown]);
    const booker = await as('A81001', 'booker');
    const book = async (slotId: string, nhsNumber: string) => {
      const response = await booker.post('/appointments', { slotId, patient: { nhsNumber, contact: { email: 'pat@example.org' } }, description: 'Review' });
      expect(response.status).toBe(201);
      return response.body.id as string;
    };
    const aheadNhs = testNhsNumber();
    const startedNhs = testNhsNumber();
    const aheadId = await book(ahead.id, aheadNhs);
    const startedId = await book(started.id, startedNhs);
    const reminders = (client: ApiClient, id: string) =>
      client.get(`/notifications?appointment=${id}`).then((r) => r.body.items.filter((n: { kind: string }) => n.kind === 'reminder'));
    expect(await reminders(booker, aheadId)).toEqual([expect.objectContaining({ status: 'scheduled' })]);
    expect(await reminders(booker, startedId)).toEqual([expect.objectContaining({ status: 'scheduled' })]);
    expect(Date.now() - t0).toBeLessThan(2_500);
    await platform.stop();

    await sleep(Math.max(0, t0 + 13_000 - Date.now()));
    await platform.start();
    const asAgain = actors(platform.api);
    const back = await asAgain('A81001', 'booker');
    const auditor = await asAgain('AUDIT1', 'auditor', { orgType: 'auditor' });

    const sent = await eventually(() => reminders(back, aheadId), (items) => items[0]?.status !== 'scheduled', 5_000);
    expect(sent).toEqual([expect.objectContaining({ status: 'sent' })]);
    const dropped = await eventually(() => reminders(back, startedId), (items) => items[0]?.status !== 'scheduled', 5_000);
    expect(dropped).toEqual([expect.objectContaining({ status: 'cancelled', reason: 'appointment_started' })]);

    const expired = await eventually(
      () => auditor.get(`/registry/patients/${startedNhs}/appointments?status=expired`),
      (r) => r.body.items?.length === 1,
      5_000,
    );
    expect(expired.body.items[0]).toMatchObject({ appointmentId: startedId, status: 'expired' });
    // The one still ahead is live, and its reminder went once even though the scheduler keeps polling.
    await sleep(1_000);
    expect((await auditor.get(`/registry/patients/${aheadNhs}/appointments`)).body.items).toEqual([expect.objectContaining({ appointmentId: aheadId, status: 'booked' })]);
    expect(await reminders(back, aheadId)).toHaveLength(1);
  }, 60_000);
});
