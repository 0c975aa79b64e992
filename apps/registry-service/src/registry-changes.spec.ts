import { BookingEventTypes, RegistryEventTypes, Topics } from '@app/contracts';
import { validateIntegrationEvent, validateIntegrationEventData } from '../../../libs/contracts/src/testing/validate-integration-event';
import { bookingEntryId } from './application/registry-streams';
import { confirm, confirmedBooking, eventually, registryServiceForSuite } from './testing/registry-service.harness';

describe('registry change feed', () => {
  const service = registryServiceForSuite();
  const follower = () => service.as('PLATFORM', 'system', { orgType: 'system' });

  it('is empty at first, with a usable cursor', async () => {
    const first = await (await follower()).get('/registry/changes');
    expect(first.status).toBe(200);
    expect(first.body.items).toEqual([]);
    const again = await (await follower()).get(`/registry/changes?after=${first.body.next}`);
    expect(again.body).toEqual({ items: [], next: first.body.next });
  });

  it('pages through every change in order, the same records Kafka carries, skipping search records', async () => {
    const api = await follower();
    const start = (await api.get('/registry/changes')).body.next;
    const one = confirmedBooking('9434765919');
    const two = confirmedBooking('4010232137');
    await confirm(service, one);
    await (await service.as('A81001')).get('/registry/patients/9434765919/appointments'); // a search record in between
    await confirm(service, two);
    await service.publishBooking(BookingEventTypes.cancelled, { bookingId: one.bookingId, slotId: one.slotId, reason: 'patient request' });

    const firstPage = await api.get(`/registry/changes?after=${start}&limit=2`);
    expect(firstPage.body.items.map((item: { change: string; entry: { id: string } }) => [item.change, item.entry.id])).toEqual([
      ['created', bookingEntryId(one.bookingId)],
      ['created', bookingEntryId(two.bookingId)],
    ]);
    // No APPOINTMENTS_BASE_URL: a booking's entry points at the booking-service's own path.
    expect(firstPage.body.items[0].entry.appointmentUrl).toBe(`/appointments/${one.bookingId}`);
    const secondPage = await api.get(`/registry/changes?after=${firstPage.body.next}&limit=2`);
    expect(secondPage.body.items.map((item: { change: string }) => item.change)).toEqual(['cancelled']);
    expect(secondPage.body.items[0].entry).toMatchObject({ status: 'cancelled', version: 2 });
    const empty = await api.get(`/registry/changes?after=${secondPage.body.next}`);
    expect(empty.body).toEqual({ items: [], next: secondPage.body.next });

    const feed = [...firstPage.body.items, ...secondPage.body.items];
    const published = await eventually(() => service.published.map((message) => message.event.data), (items) => items.length >= 3, 5000, 20);
    expect(feed).toEqual(published.slice(-3));
    const positions = feed.map((item: { position: string }) => Number(item.position));
    expect(positions).toEqual([...positions].sort((a, b) => a - b));

    // A change after the last page shows up from its cursor.
    await service.publishBooking(BookingEventTypes.attendanceRecorded, { bookingId: two.bookingId, status: 'attended' });
    const next = await api.get(`/registry/changes?after=${empty.body.next}`);
    expect(next.body.items.map((item: { change: string }) => item.change)).toEqual(['expired']);
  });

  it('is for systems of care organisations and auditors (403 others); limits and cursors are checked', async () => {
    expect((await (await service.as('CQC', 'auditor', { orgType: 'regulator' })).get('/registry/changes')).status).toBe(200);
    expect((await (await service.as('A81001', 'provider-admin')).get('/registry/changes')).status).toBe(403);
    expect((await (await service.as('INS01', 'system', { orgType: 'insurer' })).get('/registry/changes')).status).toBe(403);
    const api = await follower();
    expect((await api.get('/registry/changes?limit=1001')).status).toBe(400);
    expect((await api.get('/registry/changes?limit=0')).status).toBe(400);
    const bad = await api.get('/registry/changes?after=not-a-cursor');
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('after');
    expect((await api.get('/registry/changes?limit=1')).body.items).toHaveLength(1);
  });

  it('every record it publishes and serves matches its JSON Schema (libs/contracts/schemas/registry.changes.v1)', async () => {
    const contract = { topic: Topics.registryChanges, type: RegistryEventTypes.entryChanged, version: 1 };
    const admin = await service.as('RX1', 'provider-admin', { orgType: 'acute-trust' });
    const { body: entry } = await admin.post('/registry/entries', {
      appointmentId: 'ext-schema',
      appointmentUrl: 'https://pas.example/appointments/ext-schema',
      nhsNumber: '9434765919',
      organisation: 'RX1',
      serviceType: 'cardiology',
      start: '2030-01-01T09:00:00+00:00',
      end: '2030-01-01T09:30:00+00:00',
      supersedes: 'older-entry',
    });
    await admin.post(`/registry/entries/${entry.id}/cancel`, { reason: 'patient called' }, { 'if-match': '"1"' });
    await admin.post(`/registry/entries/${entry.id}/entered-in-error`, {}, { 'if-match': '"2"' });
    const moved = confirmedBooking('9434765919');
    await confirm(service, moved);
    const { bookingId, reservationId, ...slot } = moved;
    await service.publishBooking(BookingEventTypes.rescheduled, { ...slot, bookingId, reservationId: 'r2', start: moved.start, end: new Date(Date.parse(moved.end) + 60_000).toISOString(), previous: { ...slot, reservationId } } as never);

    const feed = (await (await follower()).get('/registry/changes?limit=1000')).body.items;
    expect(new Set(feed.map((item: { change: string }) => item.change))).toEqual(new Set(['created', 'updated', 'cancelled', 'expired', 'entered-in-error']));
    const published = await eventually(() => service.published, (messages) => messages.length >= feed.length, 5000, 20);
    for (const record of feed) expect(validateIntegrationEventData(contract, record)).toEqual([]);
    for (const message of published) expect(validateIntegrationEvent(Topics.registryChanges, message.event)).toEqual([]);
    expect(validateIntegrationEventData(contract, { ...feed[0], entry: { ...feed[0].entry, status: 'gone' } })).toEqual([
      '/entry/status must be equal to one of the allowed values',
    ]);
  });
});
