import { randomUUID } from 'node:crypto';
import { BookingEventTypes } from '@app/contracts';
import { receiptOf } from './application/delivery/notify-delivery';
import { receiptChecks } from './projections/notification-views';
import { bookingConfirmed } from './testing/booking-events';
import { NotificationServiceHarness, eventually, sleep } from './testing/notification-service.harness';
import { NotifyStandIn } from './testing/notify-stand-in';

const inDays = (days: number) => new Date(Date.now() + days * 24 * 3_600_000);
const templates = { 'confirmation.sms.en': randomUUID(), 'confirmation.letter.en': randomUUID() };
const noReminders = { reminderOffsetsMs: [] };
/** Asked 100 ms after the send, then doubling up to 400 ms apart, for 3 s. */
const receipts = { firstCheckMs: 100, maxIntervalMs: 400, giveUpAfterMs: 3_000 };

const items = async (service: NotificationServiceHarness, bookingId: string) =>
  (await (await service.as('A81001')).get(`/notifications?appointment=${bookingId}`)).body.items as any[];
const statusOf = (service: NotificationServiceHarness, bookingId: string, statuses: string[], timeoutMs = 5_000) =>
  eventually(() => items(service, bookingId), (found) => found.length === 1 && statuses.includes(found[0].status), timeoutMs, 25).then(([item]) => item);

describe('GOV.UK Notify delivery receipts, asked of a local server standing in for Notify', () => {
  const notify = new NotifyStandIn(Object.values(templates));
  let service: NotificationServiceHarness;
  beforeAll(async () => {
    await notify.start();
    service = await new NotificationServiceHarness({ ...noReminders, receipts, delivery: { kind: 'notify', apiKey: notify.apiKey, baseUrl: notify.url, templates } }).start();
  });
  afterAll(async () => {
    await service.close();
    await notify.stop();
  });

  const checksOf = (id: string) => notify.statusChecks.get(id) ?? [];
  const published = (type: string, bookingId: string) => service.published.filter((e) => e.type === type && (e.data as any).appointmentId === bookingId);

  it('records a sent message delivered once Notify reports it delivered, and stops asking', async () => {
    await service.publishBooking(BookingEventTypes.confirmed, bookingConfirmed('r-delivered', inDays(3)));
    const sent = await statusOf(service, 'r-delivered', ['sent']);
    await eventually(async () => checksOf(sent.id), (checks) => checks.length >= 1, 5_000, 20);
    expect((await items(service, 'r-delivered'))[0].status).toBe('sent'); // Notify still says `created`

    notify.setStatus(sent.id, 'delivered');
    const item = await statusOf(service, 'r-delivered', ['delivered']);
    expect(Date.parse(item.deliveredAt)).toBeGreaterThan(Date.parse(item.sentAt));
    expect((await service.stream('r-delivered')).map((e) => e.type)).toEqual(['AppointmentRecorded', 'NotificationScheduled', 'NotificationSent', 'NotificationDelivered']);
    const [event] = await eventually(async () => published('NotificationDelivered', 'r-delivered'), (found) => found.length === 1, 2_000, 20);
    expect(event.data).toEqual({ notificationId: item.id, appointmentId: 'r-delivered', kind: 'confirmation', recipient: 'patient', channel: 'sms', deliveredAt: item.deliveredAt });

    const asked = checksOf(item.id).length;
    await sleep(600);
    expect(checksOf(item.id)).toHaveLength(asked);
  });

  it('records a permanent failure Notify reports as failed, with its status as the reason', async () => {
    await service.publishBooking(BookingEventTypes.confirmed, bookingConfirmed('r-failed', inDays(3)));
    const sent = await statusOf(service, 'r-failed', ['sent']);
    notify.setStatus(sent.id, 'permanent-failure');
    const item = await statusOf(service, 'r-failed', ['failed']);
    expect(item).toMatchObject({ reason: 'notify_permanent-failure', attempts: 1, sentAt: sent.sentAt });
    const [event] = await eventually(async () => published('NotificationFailed', 'r-failed'), (found) => found.length === 1, 2_000, 20);
    expect(event.data).toMatchObject({ notificationId: item.id, reason: 'notify_permanent-failure' });
  });

  it('records a letter Notify has printed and posted (`received`) as delivered', async () => {
    const letter = { nhsNumber: '9434765919', contact: { address: { lines: ['1 High Street', 'Leeds'], postcode: 'LS1 1AA' } } };
    await service.publishBooking(BookingEventTypes.confirmed, bookingConfirmed('r-letter', inDays(3), { patient: letter }));
    const sent = await statusOf(service, 'r-letter', ['sent']);
    await eventually(async () => checksOf(sent.id), (checks) => checks.length >= 1, 5_000, 20);
    expect((await items(service, 'r-letter'))[0].status).toBe('sent'); // `accepted` is not final
    notify.setStatus(sent.id, 'received');
    expect(await statusOf(service, 'r-letter', ['delivered'])).toMatchObject({ recipient: { role: 'patient', channel: 'letter' } });
  });

  it('keeps a message still sending as sent, asking again further apart each time, and stops at the bound', async () => {
    await service.publishBooking(BookingEventTypes.confirmed, bookingConfirmed('r-sending', inDays(3)));
    const sent = await statusOf(service, 'r-sending', ['sent']);
    notify.setStatus(sent.id, 'sending');
    const sentAt = Date.parse(sent.sentAt);
    const checks = await eventually(async () => [...checksOf(sent.id)], (found) => found.length >= 3, 5_000, 20);
    expect(checks[0] - sentAt).toBeGreaterThanOrEqual(90);
    const gaps = checks.slice(1).map((at, i) => at - checks[i]);
    expect(gaps[0]).toBeGreaterThanOrEqual(90);
    expect(gaps[1]).toBeGreaterThan(gaps[0]);
    expect((await items(service, 'r-sending'))[0].status).toBe('sent');

    await sleep(sentAt + receipts.giveUpAfterMs + 200 - Date.now());
    const asked = checksOf(sent.id);
    expect(asked[asked.length - 1] - sentAt).toBeLessThanOrEqual(receipts.giveUpAfterMs);
    expect(asked.slice(1).map((at, i) => at - asked[i]).every((gap) => gap <= receipts.maxIntervalMs + 100)).toBe(true);
    notify.setStatus(sent.id, 'delivered');
    await sleep(600);
    expect(checksOf(sent.id)).toHaveLength(asked.length);
    expect((await items(service, 'r-sending'))[0].status).toBe('sent');
    expect((await service.stream('r-sending')).map((e) => e.type)).toEqual(['AppointmentRecorded', 'NotificationScheduled', 'NotificationSent']);
  });

  it('keeps asking after a restart, from the read model, and records the receipt then', async () => {
    await service.publishBooking(BookingEventTypes.confirmed, bookingConfirmed('r-restart', inDays(3)));
    const sent = await statusOf(service, 'r-restart', ['sent']);
    notify.setStatus(sent.id, 'sending');
    await eventually(async () => checksOf(sent.id), (checks) => checks.length >= 1, 5_000, 20);

    await service.restart();
    const askedBefore = checksOf(sent.id).length;
    await eventually(async () => checksOf(sent.id), (checks) => checks.length > askedBefore, 5_000, 20);
    expect((await items(service, 'r-restart'))[0].status).toBe('sent');
    notify.setStatus(sent.id, 'delivered');
    expect((await statusOf(service, 'r-restart', ['delivered'])).deliveredAt).toBeDefined();
  });
});

describe('delivery receipts through the outbox', () => {
  let service: NotificationServiceHarness;
  beforeAll(async () => {
    service = await new NotificationServiceHarness({ ...noReminders, receipts }).start();
  });
  afterAll(() => service.close());

  it('there are none: an outbox message stays sent and no receipt is asked for', async () => {
    await service.publishBooking(BookingEventTypes.confirmed, bookingConfirmed('r-outbox', inDays(3)));
    await statusOf(service, 'r-outbox', ['sent']);
    await sleep(500);
    expect((await items(service, 'r-outbox'))[0].status).toBe('sent');
    expect(await receiptChecks(service.notifications.runtime.infra.documents).find({})).toEqual([]);
    expect((await service.stream('r-outbox')).map((e) => e.type)).toEqual(['AppointmentRecorded', 'NotificationScheduled', 'NotificationSent']);
  });
});

describe("Notify's statuses as receipts", () => {
  it.each([
    ['delivered', { outcome: 'delivered' }],
    ['received', { outcome: 'delivered' }],
    ['permanent-failure', { outcome: 'failed', reason: 'notify_permanent-failure' }],
    ['temporary-failure', { outcome: 'failed', reason: 'notify_temporary-failure' }],
    ['technical-failure', { outcome: 'failed', reason: 'notify_technical-failure' }],
    ['validation-failed', { outcome: 'failed', reason: 'notify_validation-failed' }],
    ['cancelled', { outcome: 'failed', reason: 'notify_cancelled' }],
    ['sent', { outcome: 'none' }],
    ['created', { outcome: 'pending', status: 'created' }],
    ['sending', { outcome: 'pending', status: 'sending' }],
    ['pending', { outcome: 'pending', status: 'pending' }],
    ['accepted', { outcome: 'pending', status: 'accepted' }],
  ])('%s', (status, receipt) => expect(receiptOf(status)).toEqual(receipt));
});
