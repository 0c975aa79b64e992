import { BookingEventTypes } from '@app/contracts';
import { SqliteEventStore } from '@app/eventstore';
import { sqliteFiles } from '@app/service-kit';
import { bookingConfirmed } from './testing/booking-events';
import { NotificationServiceHarness, eventually } from './testing/notification-service.harness';

const inDays = (days: number) => new Date(Date.now() + days * 24 * 3_600_000);
const carer = { name: 'Sam Jones', role: 'carer' as const, contact: { email: 'sam@example.com' } };

describe('notification-service (outbox delivery), driven by booking events', () => {
  const service = new NotificationServiceHarness({ organisationNames: { A81001: 'Configured Name' } });
  beforeAll(() => service.start());
  afterAll(() => service.close());

  const list = async (bookingId: string) => (await (await service.as('A81001')).get(`/notifications?appointment=${bookingId}`)).body.items as any[];
  const settled = (bookingId: string, count: number) =>
    eventually(() => list(bookingId), (items) => items.length === count && items.every((item) => item.status !== 'scheduled' || item.kind === 'reminder'), 10_000, 50);

  it('sends a confirmation to the patient and a carer copy, and schedules reminders, each once', async () => {
    const confirmedEvent = await service.publishBooking(BookingEventTypes.confirmed, bookingConfirmed('b-confirm', inDays(5), { supporter: carer }));
    const items = await settled('b-confirm', 6);
    expect(items.map((item) => `${item.kind}:${item.recipient.role}:${item.recipient.channel}:${item.status}`)).toEqual([
      'confirmation:patient:sms:sent',
      'confirmation:supporter:email:sent',
      'reminder:patient:sms:scheduled',
      'reminder:supporter:email:scheduled',
      'reminder:patient:sms:scheduled',
      'reminder:supporter:email:scheduled',
    ]);
    expect(items[0]).toMatchObject({ format: 'standard', language: 'en', translationRequired: false, message: { body: expect.stringContaining('Provider: Riverside Surgery') } });
    expect(items[0].sentAt).toEqual(expect.any(String));
    expect(items[1].message.subject).toBe('Your appointment is booked');

    // Redelivered: nothing new is recorded or sent.
    const before = (await service.stream('b-confirm')).length;
    await service.publishBooking(BookingEventTypes.confirmed, bookingConfirmed('b-confirm', inDays(5), { supporter: carer }), confirmedEvent.id);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect((await service.stream('b-confirm')).length).toBe(before);
    expect(await list('b-confirm')).toHaveLength(6);
  });

  it('tells of a change of details, a move and a cancellation; reminders follow the appointment and stop', async () => {
    const start = inDays(6);
    const booking = bookingConfirmed('b-life', start, { organisationName: undefined });
    await service.publishBooking(BookingEventTypes.confirmed, booking);
    await settled('b-life', 3);

    await service.publishBooking(BookingEventTypes.amended, { bookingId: 'b-life', description: 'Fasting blood test', patientContact: booking.patient.contact, changed: ['description'] });
    // A contact-only change re-routes the pending reminders (to email now) and sends nothing.
    await service.publishBooking(BookingEventTypes.amended, { bookingId: 'b-life', description: 'Fasting blood test', patientContact: { email: 'new@example.com' }, changed: ['patientContact'] });
    const moved = new Date(start.getTime() + 24 * 3_600_000);
    await service.publishBooking(BookingEventTypes.rescheduled, {
      ...bookingConfirmed('b-life', moved),
      previous: { ...bookingConfirmed('b-life', start), reservationId: 'r-b-life' },
    });
    await service.publishBooking(BookingEventTypes.cancelled, { bookingId: 'b-life', slotId: 's-b-life', reason: 'patient request' });

    const items = await eventually(() => list('b-life'), (found) => found.filter((item) => item.status === 'sent').length === 4, 10_000, 50);
    const summary = items.map((item) => `${item.kind}:${item.recipient.channel}:${item.status}${item.reason ? `:${item.reason}` : ''}`);
    expect(summary.filter((line) => !line.startsWith('reminder'))).toEqual(['confirmation:sms:sent', 'amendment:sms:sent', 'reschedule:email:sent', 'cancellation:email:sent']);
    expect(summary.filter((line) => line.startsWith('reminder')).sort()).toEqual([
      'reminder:email:cancelled:booking_cancelled',
      'reminder:email:cancelled:booking_cancelled',
      'reminder:email:cancelled:rescheduled',
      'reminder:email:cancelled:rescheduled',
    ]);
    // No organisation name on the slot: the configured name.
    expect(items[0].message.body).toContain('Provider: Configured Name');
    expect(items.find((item) => item.kind === 'amendment').message.body).toContain('Reason for the appointment: Fasting blood test');
  });

  it('records a failure the booker sees when the patient gave no contact details', async () => {
    await service.publishBooking(BookingEventTypes.confirmed, bookingConfirmed('b-none', inDays(5), { patient: { nhsNumber: '9434765919' } }));
    const items = await eventually(() => list('b-none'), (found) => found.length === 1, 5_000, 50);
    expect(items).toEqual([expect.objectContaining({ kind: 'confirmation', recipient: { role: 'patient' }, status: 'failed', reason: 'no_contact_details' })]);
  });

  it('writes Welsh, and sends an accessible format by letter', async () => {
    const contact = { email: 'pat@example.com', address: { lines: ['1 Heol y Frenhines'], postcode: 'CF10 2BU' }, language: 'cy-GB', format: 'large-print' as const };
    await service.publishBooking(BookingEventTypes.confirmed, bookingConfirmed('b-cy', inDays(5), { patient: { nhsNumber: '9434765919', contact } }));
    const [confirmation] = await settled('b-cy', 3);
    expect(confirmation).toMatchObject({ recipient: { role: 'patient', channel: 'letter' }, format: 'large-print', language: 'cy', translationRequired: false });
    expect(confirmation.message.subject).toBe("Mae eich apwyntiad wedi'i drefnu");
  });

  it('cancels reminders once attendance is recorded', async () => {
    await service.publishBooking(BookingEventTypes.confirmed, bookingConfirmed('b-attend', inDays(5)));
    await settled('b-attend', 3);
    await service.publishBooking(BookingEventTypes.attendanceRecorded, { bookingId: 'b-attend', status: 'did-not-attend' });
    const items = await eventually(() => list('b-attend'), (found) => found.filter((item) => item.status === 'cancelled').length === 2, 5_000, 50);
    expect(items.filter((item) => item.kind === 'reminder').map((item) => item.reason)).toEqual(['did-not-attend', 'did-not-attend']);
  });

  it('publishes the lifecycle on notification.events.v1, keyed by appointment, without contact details or text', async () => {
    const mine = await eventually(
      () => service.published.filter((event) => event.streamId === 'notification-b-confirm'),
      (events) => events.filter((event) => event.type === 'NotificationSent').length === 2,
      5_000,
      50,
    );
    // The outbox sends a confirmation as it records it: each one's Sent follows its Scheduled; reminders wait.
    const [scheduled, sent] = ['NotificationScheduled', 'NotificationSent'];
    expect(mine.map((event) => event.type)).toEqual([scheduled, sent, scheduled, sent, scheduled, scheduled, scheduled, scheduled]);
    expect(mine[0].data).toEqual({
      notificationId: expect.any(String),
      appointmentId: 'b-confirm',
      kind: 'confirmation',
      recipient: 'patient',
      channel: 'sms',
      format: 'standard',
      language: 'en',
      translationRequired: false,
      due: expect.any(String),
    });
    const text = JSON.stringify(service.published);
    for (const secret of ['07700900123', 'pat@example.com', 'sam@example.com', 'Riverside Surgery', 'CF10 2BU']) expect(text).not.toContain(secret);
    expect(service.published.find((event) => event.streamId === 'notification-b-none')).toMatchObject({ type: 'NotificationFailed', data: { reason: 'no_contact_details' } });
  });

  describe('GET /notifications', () => {
    it('shows an appointment to its booker, host, federation partners and auditors; to others nothing', async () => {
      const read = async (org: string, role: 'booker' | 'auditor' = 'booker', federations: string[] = []) =>
        (await (await service.as(org, role, { federations })).get('/notifications?appointment=b-confirm')).body.items.length;
      expect(await read('A81001')).toBe(6);
      expect(await read('Y99999', 'booker', ['north-fed'])).toBe(6);
      expect(await read('AUDIT1', 'auditor')).toBe(6);
      expect(await read('Y99999')).toBe(0);
    });

    it("lists a patient's notifications by due time, only of appointments the caller may read", async () => {
      const party = await (await service.as('A81001')).get('/notifications?patient=9434765919');
      expect(party.status).toBe(200);
      const dues = party.body.items.map((item: { due: string }) => item.due);
      expect(dues).toEqual([...dues].sort());
      expect(new Set(party.body.items.map((item: { appointmentId: string }) => item.appointmentId))).toEqual(new Set(['b-confirm', 'b-life', 'b-none', 'b-cy', 'b-attend']));
      expect(JSON.stringify(party.body)).not.toMatch(/07700900123|pat@example\.com|nhsNumber/);
      expect((await (await service.as('Y99999')).get('/notifications?patient=9434765919')).body.items).toEqual([]);
    });

    it('wants exactly one of appointment or patient, and a valid NHS number', async () => {
      const client = await service.as('A81001');
      for (const url of ['/notifications', '/notifications?appointment=b-confirm&patient=9434765919', '/notifications?patient=1234567890', '/notifications?colour=red']) {
        const answer = await client.get(url);
        expect({ url, status: answer.status }).toEqual({ url, status: 400 });
      }
      const both = await client.get('/notifications');
      expect(both.body.errors.map((error: { field: string }) => error.field)).toEqual(['appointment', 'patient']);
    });
  });
});

describe('notification-service with data of the previous release', () => {
  const service = new NotificationServiceHarness();
  beforeAll(async () => {
    const store = new SqliteEventStore(sqliteFiles(service.dataDir, 'notification-service').events);
    const bookedBy = { organisation: 'A81001', organisationType: 'gp-practice', federations: [] };
    await store.append(
      'notification-b-old',
      [
        {
          id: '00000000-0000-4000-8000-000000000001',
          type: 'NotificationQueued',
          version: 1,
          data: { notificationId: 'n-old', appointmentId: 'b-old', kind: 'confirmation', channel: 'outbox', recipient: { nhsNumber: '9434765919' }, message: 'Your appointment is booked.', organisation: 'A81001', bookedBy },
          correlationId: 'c',
          causationId: 'c',
          actor: { organisation: 'notification-service', organisationType: 'system', user: 'notification-service', role: 'system', federations: [] },
          occurredAt: '2026-01-01T09:00:00.000Z',
        },
      ],
      'no_stream',
    );
    await store.close();
    await service.start();
  });
  afterAll(() => service.close());

  it('shows a queued confirmation as a sent outbox confirmation', async () => {
    const items = (await (await service.as('A81001')).get('/notifications?appointment=b-old')).body.items;
    expect(items).toEqual([
      expect.objectContaining({ id: 'n-old', kind: 'confirmation', recipient: { role: 'patient', channel: 'outbox' }, status: 'sent', message: { body: 'Your appointment is booked.' } }),
    ]);
  });
});
