import { appointment, bookingServiceForSuite, eventually } from './testing/booking-service.harness';

/** A write that succeeded never answers 500: when the read model does not follow, the answer is 202 with the Location. */
describe('booking-service: read model lagging behind a write (the test plays the slot-service over the in-process bus)', () => {
  const service = bookingServiceForSuite({ confirmTimeoutMs: 300 });

  it('answers 202 with Location and the new ETag, and the change shows once the read model follows again', async () => {
    const slot = service.slots.publish('A81001');
    const practice = await service.as('A81001');
    const booked = await practice.post('/appointments', appointment(slot.slotId));
    expect(booked.status).toBe(201);

    await service.bookings.runtime.projections.stop();
    const cancelled = await practice.post(`/appointments/${booked.body.id}/cancel`, { reason: 'patient asked' });
    expect(cancelled.status).toBe(202);
    expect(cancelled.headers.location).toBe(`/appointments/${booked.body.id}`);
    expect(cancelled.headers.etag).toBe('"3"');
    const fresh = await practice.post('/appointments', appointment(service.slots.publish('A81001').slotId));
    expect(fresh.status).toBe(202);
    expect(fresh.headers.location).toBe(`/appointments/${fresh.body.id}`);

    await service.restart();
    const after = await eventually(() => practice.get(`/appointments/${booked.body.id}`), (r) => r.body?.status === 'cancelled', 3000, 50);
    expect(after.body).toMatchObject({ status: 'cancelled', version: 3 });
    expect((await practice.get(`/appointments/${fresh.body.id}`)).body.status).toBe('booked');
  });
});
