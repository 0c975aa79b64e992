import { BookingEventTypes, RegistryEventTypes, Topics } from '@app/contracts';
import { bookingEntryId } from './application/registry-streams';
import { RegistryServiceHarness, confirm, confirmedBooking, eventually, registryServiceForSuite, sleep } from './testing/registry-service.harness';

const reader = (service: RegistryServiceHarness) => service.as('A81001', 'booker');

describe('registry entries follow their bookings', () => {
  const service = registryServiceForSuite({ appointmentsBaseUrl: 'https://book.example.nhs.uk/' });
  const publishedOf = (entryId: string) => service.published.filter((message) => message.event.data.entry.id === entryId);
  /** The relay publishes after the store: wait until `count` changes of the entry are out. */
  const changesOf = (entryId: string, count: number) => eventually(() => publishedOf(entryId), (messages) => messages.length >= count, 5000, 20);

  it('a confirmed booking becomes a booked entry, published keyed by NHS number', async () => {
    const booking = confirmedBooking('9434765919');
    await confirm(service, booking);
    const id = bookingEntryId(booking.bookingId);

    const entry = await (await reader(service)).get(`/registry/entries/${id}`);
    expect(entry.status).toBe(200);
    expect(entry.headers.etag).toBe('"1"');
    expect(entry.body).toEqual({
      id,
      appointmentId: booking.bookingId,
      appointmentUrl: `https://book.example.nhs.uk/appointments/${booking.bookingId}`,
      nhsNumber: '9434765919',
      organisation: 'A81001',
      serviceType: 'phlebotomy',
      start: booking.start,
      end: booking.end,
      status: 'booked',
      source: 'booking',
      version: 1,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    const [message] = await changesOf(id, 1);
    expect(message.key).toBe('9434765919');
    expect(message.event.type).toBe(RegistryEventTypes.entryChanged);
    expect(message.event.data).toEqual({ change: 'created', entry: entry.body, occurredAt: entry.body.createdAt, position: message.event.globalPosition });
  });

  it('a redelivered confirmation, and a redelivered cancellation, change nothing', async () => {
    const booking = confirmedBooking('9434765919');
    const confirmation = await confirm(service, booking);
    const cancellation = await service.publishBooking(BookingEventTypes.cancelled, { bookingId: booking.bookingId, slotId: booking.slotId, reason: 'patient request' });
    const before = (await service.storedEvents()).length;
    await service.redeliver(confirmation);
    await service.redeliver(cancellation);
    expect((await service.storedEvents()).length).toBe(before);
    const id = bookingEntryId(booking.bookingId);
    expect((await changesOf(id, 2)).map((message) => message.event.data.change)).toEqual(['created', 'cancelled']);
    expect((await (await reader(service)).get(`/registry/entries/${id}`)).body).toMatchObject({ status: 'cancelled', version: 2 });
  });

  it('a reschedule moves the entry', async () => {
    const booking = confirmedBooking('9434765919');
    await confirm(service, booking);
    const start = new Date(Date.parse(booking.start) + 86_400_000).toISOString();
    const end = new Date(Date.parse(booking.end) + 86_400_000).toISOString();
    const { bookingId, reservationId: _r, ...slot } = booking;
    await service.publishBooking(BookingEventTypes.rescheduled, {
      ...slot,
      bookingId,
      reservationId: 'r2',
      start,
      end,
      previous: { ...slot, reservationId: booking.reservationId },
    } as never);
    const id = bookingEntryId(bookingId);
    const [, moved] = await changesOf(id, 2);
    expect(moved.event.data).toMatchObject({ change: 'updated', entry: { start, end, status: 'booked', version: 2 } });
  });

  it('a rebook: the new entry supersedes the old, which is cancelled pointing at it', async () => {
    const old = confirmedBooking('4010232137');
    await confirm(service, old);
    const replacement = confirmedBooking('4010232137', 48 * 60, { supersedes: old.bookingId });
    await confirm(service, replacement);
    await service.publishBooking(BookingEventTypes.cancelled, { bookingId: old.bookingId, slotId: old.slotId, reason: 'superseded', supersededBy: replacement.bookingId });

    const [oldId, newId] = [bookingEntryId(old.bookingId), bookingEntryId(replacement.bookingId)];
    expect((await changesOf(newId, 1))[0].event.data.entry).toMatchObject({ supersedes: oldId, status: 'booked' });
    expect((await changesOf(oldId, 2)).map((message) => message.event.data.entry)).toEqual([
      expect.objectContaining({ status: 'booked' }),
      expect.objectContaining({ status: 'cancelled', supersededBy: newId, version: 2 }),
    ]);
    const live = await (await reader(service)).get('/registry/patients/4010232137/appointments');
    expect(live.body.items.map((entry: { id: string }) => entry.id)).toEqual([newId]);
  });

  it.each(['attended', 'did-not-attend'])('recorded attendance (%s) expires the entry; arrival does not', async (status) => {
    const booking = confirmedBooking('9434765919');
    await confirm(service, booking);
    await service.publishBooking(BookingEventTypes.attendanceRecorded, { bookingId: booking.bookingId, status: 'arrived' });
    await service.publishBooking(BookingEventTypes.attendanceRecorded, { bookingId: booking.bookingId, status });
    expect((await changesOf(bookingEntryId(booking.bookingId), 2)).map((message) => message.event.data.change)).toEqual(['created', 'expired']);
  });

  it('ignores changes to a booking it never recorded', async () => {
    const before = (await service.storedEvents()).length;
    await service.publishBooking(BookingEventTypes.cancelled, { bookingId: 'never-confirmed', slotId: 's', reason: 'patient request' });
    expect((await service.storedEvents()).length).toBe(before);
  });

  it('every change goes to registry.changes.v1 and nothing else is published there', async () => {
    const stored = (await service.storedEvents()).filter((event) => event.streamId.startsWith('registry-entry-'));
    expect(stored.length).toBeGreaterThan(0);
    await eventually(() => service.published.length, (count) => count >= stored.length, 5000, 20);
    expect(service.published.map((message) => message.event.causationId)).toEqual(stored.map((event) => event.id));
    expect(Topics.registryChanges).toBe('registry.changes.v1');
  });
});

describe('registry expiry sweep', () => {
  it('expires a booked entry once its end plus the grace period has passed', async () => {
    const service = await new RegistryServiceHarness({ expiryGraceMs: 300, sweepPollMs: 50 }).start();
    try {
      const soon = confirmedBooking('9434765919', -9.99); // ends in about 0.6 s
      const later = confirmedBooking('9434765919', 60);
      await confirm(service, soon);
      await confirm(service, later);
      const [soonId, laterId] = [bookingEntryId(soon.bookingId), bookingEntryId(later.bookingId)];
      const api = await reader(service);
      expect((await api.get(`/registry/entries/${soonId}`)).body.status).toBe('booked');
      const expired = await eventually(() => api.get(`/registry/entries/${soonId}`), (answer) => answer.body.status === 'expired', 5000, 50);
      expect(expired.body).toMatchObject({ status: 'expired', version: 2 });
      // Not before its end plus the grace period.
      expect(Date.parse(expired.body.updatedAt)).toBeGreaterThanOrEqual(Date.parse(soon.end) + 300);
      const published = await eventually(() => service.published.filter((message) => message.event.data.entry.id === soonId), (messages) => messages.length >= 2, 5000, 20);
      expect(published.map((message) => message.event.data.change)).toEqual(['created', 'expired']);
      expect((await api.get(`/registry/entries/${laterId}`)).body.status).toBe('booked');
    } finally {
      await service.close();
    }
  });

  it('an expiry that fell due while the service was down happens after the restart, once', async () => {
    const service = await new RegistryServiceHarness({ expiryGraceMs: 200, sweepPollMs: 50 }).start();
    try {
      const booking = confirmedBooking('9434765919', -9.98); // ends in about 1.2 s
      await confirm(service, booking);
      const id = bookingEntryId(booking.bookingId);
      await service.stop();
      await sleep(Date.parse(booking.end) + 200 - Date.now() + 300);
      await service.start();
      const api = await reader(service);
      const expired = await eventually(() => api.get(`/registry/entries/${id}`), (answer) => answer.body.status === 'expired', 5000, 50);
      expect(expired.body.version).toBe(2);
      await sleep(300); // more sweeps: still one expiry
      const stored = (await service.storedEvents()).filter((event) => event.streamId === `registry-entry-${id}`);
      expect(stored.map((event) => event.type)).toEqual(['RegistryEntryCreated', 'RegistryEntryExpired']);
    } finally {
      await service.close();
    }
  });
});
