import { randomUUID } from 'node:crypto';
import { BookingEventTypes } from '@app/contracts';
import { bookingConfirmed } from './testing/booking-events';
import { NotificationServiceHarness, eventually, sleep } from './testing/notification-service.harness';
import { NotifyStandIn } from './testing/notify-stand-in';

const inDays = (days: number) => new Date(Date.now() + days * 24 * 3_600_000);
const templates = {
  'confirmation.sms.en': randomUUID(),
  'confirmation.email.en': randomUUID(),
  'confirmation.sms.cy': randomUUID(),
  'cancellation.sms.en': randomUUID(),
};
const noReminders = { reminderOffsetsMs: [] };

describe('GOV.UK Notify delivery, against a local server standing in for Notify', () => {
  const notify = new NotifyStandIn(Object.values(templates));
  let service: NotificationServiceHarness;
  const retry = { maxAttempts: 3, baseDelayMs: 150, maxDelayMs: 400 };
  beforeAll(async () => {
    await notify.start();
    service = await new NotificationServiceHarness({ ...noReminders, retry, delivery: { kind: 'notify', apiKey: notify.apiKey, baseUrl: notify.url, templates } }).start();
  });
  afterAll(async () => {
    await service.close();
    await notify.stop();
  });

  const items = async (bookingId: string) => (await (await service.as('A81001')).get(`/notifications?appointment=${bookingId}`)).body.items as any[];
  const done = (bookingId: string, count = 1) =>
    eventually(() => items(bookingId), (found) => found.length === count && found.every((item) => item.status === 'sent' || item.status === 'failed'), 10_000, 50);

  it('sends by SMS with the template of kind, channel and language, referenced by the notification id', async () => {
    await service.publishBooking(BookingEventTypes.confirmed, bookingConfirmed('n-sms', inDays(3)));
    const [item] = await done('n-sms');
    expect(item.status).toBe('sent');
    const [message] = notify.messages.filter((m) => m.reference === item.id);
    expect(message).toMatchObject({ type: 'sms', templateId: templates['confirmation.sms.en'], phoneNumber: '07700900123' });
    expect(message.personalisation.body).toBe(item.message.body);
    expect(notify.requests.filter((line) => line.startsWith('POST'))).toEqual(['POST /v2/notifications/sms 201']);
  });

  it('uses the Welsh template when there is one, and the English one when the language has none', async () => {
    const welsh = { nhsNumber: '9434765919', contact: { phone: '07700900123', language: 'cy' } };
    await service.publishBooking(BookingEventTypes.confirmed, bookingConfirmed('n-cy', inDays(3), { patient: welsh }));
    const [item] = await done('n-cy');
    expect(notify.messages.find((m) => m.reference === item.id)?.templateId).toBe(templates['confirmation.sms.cy']);
    await service.publishBooking(BookingEventTypes.cancelled, { bookingId: 'n-cy', slotId: 's-n-cy', reason: 'patient request' });
    const [, cancellation] = await done('n-cy', 2);
    expect(cancellation).toMatchObject({ kind: 'cancellation', language: 'cy', status: 'sent' });
    expect(notify.messages.find((m) => m.reference === cancellation.id)?.templateId).toBe(templates['cancellation.sms.en']);
  });

  it('fails a message with no template at once, naming the key', async () => {
    const letter = { nhsNumber: '9434765919', contact: { address: { lines: ['1 High Street', 'Leeds'], postcode: 'LS1 1AA' } } };
    await service.publishBooking(BookingEventTypes.confirmed, bookingConfirmed('n-letter', inDays(3), { patient: letter }));
    const [item] = await done('n-letter');
    expect(item).toMatchObject({ status: 'failed', reason: 'no_template:confirmation.letter.en' });
  });

  it('fails at once, with the reason, when Notify refuses the message (4xx)', async () => {
    const requestsBefore = notify.requests.length;
    notify.failNextSends(400, 1, 'BadRequestError', 'Can’t send to this recipient using a team-only API key');
    await service.publishBooking(BookingEventTypes.confirmed, bookingConfirmed('n-400', inDays(3)));
    const [item] = await done('n-400');
    expect(item).toMatchObject({ status: 'failed', attempts: 1, reason: 'notify_400:BadRequestError:Can’t send to this recipient using a team-only API key' });
    expect(notify.requests.slice(requestsBefore).filter((line) => line.startsWith('POST'))).toEqual(['POST /v2/notifications/sms 400']);
  });

  it('retries when Notify is unavailable (5xx), with a growing backoff, and sends once it answers', async () => {
    notify.failNextSends(500, 2);
    await service.publishBooking(BookingEventTypes.confirmed, bookingConfirmed('n-retry', inDays(3)));
    const [item] = await done('n-retry');
    expect(item.status).toBe('sent');
    expect(notify.messages.filter((m) => m.reference === item.id)).toHaveLength(1);
    const events = await service.stream('n-retry');
    const retries = events.filter((e) => e.type === 'NotificationRetryScheduled');
    expect(retries.map((e) => (e.data as { attempts: number }).attempts)).toEqual([1, 2]);
    const waited = retries.map((e) => Date.parse((e.data as { due: string }).due) - Date.parse(e.occurredAt));
    expect(waited).toEqual([150, 300]);
    const sentAt = Date.parse(events.find((e) => e.type === 'NotificationSent')!.occurredAt);
    expect(sentAt - Date.parse(events[0].occurredAt)).toBeGreaterThanOrEqual(450);
  });

  it('gives up after the last attempt and records it failed', async () => {
    notify.failNextSends(503, 3);
    await service.publishBooking(BookingEventTypes.confirmed, bookingConfirmed('n-gone', inDays(3)));
    const [item] = await done('n-gone');
    expect(item).toMatchObject({ status: 'failed', attempts: 3, reason: 'gave up after 3 attempts: notify_503:Exception:refused by the stand-in' });
    expect(notify.messages.filter((m) => m.reference === item.id)).toEqual([]);
    expect(service.published.filter((e) => e.type === 'NotificationFailed' && (e.data as any).appointmentId === 'n-gone')).toHaveLength(1);
  });

  it('sends once when the connection drops after Notify took the message: the retry finds it by reference', async () => {
    notify.dropAfterTakingNextSend();
    await service.publishBooking(BookingEventTypes.confirmed, bookingConfirmed('n-drop', inDays(3)));
    const [item] = await done('n-drop');
    expect(item.status).toBe('sent');
    expect(notify.messages.filter((m) => m.reference === item.id)).toHaveLength(1);
    expect((await service.stream('n-drop')).map((e) => e.type)).toEqual(['AppointmentRecorded', 'NotificationScheduled', 'NotificationRetryScheduled', 'NotificationSent']);
  });

  it('sends once across a crash after Notify took the message but before the outcome was recorded', async () => {
    notify.holdNextSend();
    const before = notify.messages.length;
    await service.publishBooking(BookingEventTypes.confirmed, bookingConfirmed('n-crash', inDays(3)));
    const taken = (await eventually(() => notify.messages.slice(before), (found) => found.length === 1, 5_000, 20)).slice(0, 1);
    expect(taken).toHaveLength(1);
    expect((await service.stream('n-crash')).map((e) => e.type)).toEqual(['AppointmentRecorded', 'NotificationScheduled']);

    await service.crash();
    const [item] = await done('n-crash');
    notify.releaseHeld(); // the old process would have answered now: it is gone and records nothing
    await sleep(300);
    expect(item).toMatchObject({ id: taken[0].reference, status: 'sent' });
    expect(notify.messages.filter((m) => m.reference === item.id)).toHaveLength(1);
    expect((await service.stream('n-crash')).map((e) => e.type)).toEqual(['AppointmentRecorded', 'NotificationScheduled', 'NotificationSent']);
  });
});

describe('GOV.UK Notify delivery with a wrong API key', () => {
  const notify = new NotifyStandIn(Object.values(templates));
  let service: NotificationServiceHarness;
  beforeAll(async () => {
    await notify.start();
    const forged = `${notify.apiKey.slice(0, -36)}${randomUUID()}`;
    service = await new NotificationServiceHarness({ ...noReminders, delivery: { kind: 'notify', apiKey: forged, baseUrl: notify.url, templates } }).start();
  });
  afterAll(async () => {
    await service.close();
    await notify.stop();
  });

  it('is refused by the stand-in, which checks the signed token, and the message fails', async () => {
    await service.publishBooking(BookingEventTypes.confirmed, bookingConfirmed('n-forged', inDays(3)));
    const items = await eventually(
      async () => (await (await service.as('A81001')).get('/notifications?appointment=n-forged')).body.items,
      (found: any[]) => found[0]?.status === 'failed',
      5_000,
      50,
    );
    expect(items[0].reason).toMatch(/^notify_403:AuthError/);
    expect(notify.messages).toEqual([]);
  });
});
