import { BookingEventTypes } from '@app/contracts';
import { bookingConfirmed } from './testing/booking-events';
import { NotificationServiceHarness, eventually, sleep } from './testing/notification-service.harness';

describe('reminders across a restart', () => {
  const offsetMs = 3_000;
  const service = new NotificationServiceHarness({ reminderOffsetsMs: [offsetMs] });
  beforeAll(() => service.start());
  afterAll(() => service.close());

  const items = async (bookingId: string) => (await (await service.as('A81001')).get(`/notifications?appointment=${bookingId}`)).body.items as any[];

  it('sends a reminder that fell due while the service was down once, and drops one whose appointment has started', async () => {
    const t0 = Date.now();
    // Reminder due at t0+2 s, appointment at t0+5 s: both pass while the service is down.
    await service.publishBooking(BookingEventTypes.confirmed, bookingConfirmed('r-started', new Date(t0 + 5_000)));
    // Reminder due at t0+5 s, appointment at t0+8 s: due while down, still ahead at the restart.
    await service.publishBooking(BookingEventTypes.confirmed, bookingConfirmed('r-ahead', new Date(t0 + 8_000)));
    await eventually(() => items('r-ahead'), (found) => found.some((item) => item.kind === 'confirmation' && item.status === 'sent'), 2_000, 20);
    expect((await items('r-started')).find((item) => item.kind === 'reminder')).toMatchObject({ status: 'scheduled', due: new Date(t0 + 2_000).toISOString() });

    await service.stop();
    await sleep(t0 + 6_000 - Date.now());
    await service.start();

    const started = await eventually(() => items('r-started'), (found) => found.some((item) => item.kind === 'reminder' && item.status !== 'scheduled'), 3_000, 20);
    expect(started.find((item) => item.kind === 'reminder')).toMatchObject({ status: 'cancelled', reason: 'appointment_started' });
    const ahead = await eventually(() => items('r-ahead'), (found) => found.some((item) => item.kind === 'reminder' && item.status !== 'scheduled'), 3_000, 20);
    const reminder = ahead.find((item) => item.kind === 'reminder');
    expect(reminder).toMatchObject({ status: 'sent', message: { body: expect.stringMatching(/^This is a reminder of your appointment\./) } });
    expect(Date.parse(reminder.sentAt)).toBeLessThan(t0 + 8_000);

    // Once: another restart sends nothing more.
    await service.restart();
    await sleep(300);
    const events = await service.stream('r-ahead');
    expect(events.filter((e) => e.type === 'NotificationSent').map((e) => (e.data as { kind: string }).kind)).toEqual(['confirmation', 'reminder']);
    expect(service.published.filter((e) => e.type === 'NotificationCancelled' && (e.data as any).appointmentId === 'r-started')).toEqual([
      expect.objectContaining({ data: expect.objectContaining({ kind: 'reminder', reason: 'appointment_started' }) }),
    ]);
  }, 20_000);

  it('schedules no reminder whose time has already passed', async () => {
    await service.publishBooking(BookingEventTypes.confirmed, bookingConfirmed('r-soon', new Date(Date.now() + 2_000)));
    const found = await eventually(() => items('r-soon'), (list) => list.length > 0 && list.every((item) => item.status === 'sent'), 2_000, 20);
    expect(found.map((item) => item.kind)).toEqual(['confirmation']);
  });
});
