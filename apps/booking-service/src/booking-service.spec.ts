import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { SlotEventTypes, SlotReservedV1, Topics } from '@app/contracts';
import { InProcessBus } from '@app/messaging';
import { testEvent } from '../../../libs/messaging/src/testing/bus.contract';
import { createHttpApp, embeddedInfra } from '@app/service-kit';
import { testSecret, tokenFor } from '../../../test/support/tokens';
import { BookingApplication, BookingServiceModule } from '.';

/** booking-service on its own (real SQLite, in-process bus): the test plays the slot-service's part of the saga. */
describe('booking-service alone', () => {
  let dataDir: string;
  let bus: InProcessBus;
  let app: NestFastifyApplication;
  let bookings: BookingApplication;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'booking-service-'));
    bus = new InProcessBus();
    bookings = new BookingApplication(embeddedInfra('booking-service', dataDir, bus));
    app = await createHttpApp({
      modules: [BookingServiceModule.register(bookings, { confirmTimeoutMs: 300 })],
      signingKey: new TextEncoder().encode(testSecret),
      health: {},
      logger: false,
    });
    await app.init();
  });
  afterAll(async () => {
    await app.close();
    await bus.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const request = async (method: 'GET' | 'POST', url: string, payload?: unknown, headers: Record<string, string> = {}) =>
    app.inject({ method, url, payload: payload as never, headers: { authorization: `Bearer ${await tokenFor('A81001')}`, ...headers } });

  it('records who, and the request’s correlation id, on the event it appends', async () => {
    const response = await request(
      'POST',
      '/appointments',
      { slotId: 'slot-9', patient: { nhsNumber: '9990000018' }, description: 'Audit me' },
      { 'x-correlation-id': 'call-42' },
    );
    expect(response.headers['x-correlation-id']).toBe('call-42');
    const [requested] = await bookings.runtime.infra.store.readStream(`booking-${response.json().id}`);
    expect(requested).toMatchObject({
      type: 'BookingRequested',
      correlationId: 'call-42',
      actor: { organisation: 'A81001', organisationType: 'gp-practice', user: 'A81001-booker', role: 'booker', federations: [] },
    });
  });

  it('answers 202 with a Location while no slot-service has answered, then settles when one does', async () => {
    const requested: string[] = [];
    await bus.subscribe({ groupId: 'observer', topics: [Topics.bookingEvents], handler: async (m) => void requested.push(m.event.type) });

    const started = Date.now();
    const response = await request('POST', '/appointments', { slotId: 'slot-1', patient: { nhsNumber: '9434765919' }, description: 'Review' });
    expect(response.statusCode).toBe(202);
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
    const body = response.json();
    expect(body).toMatchObject({ status: 'pending', slotId: 'slot-1', version: 1 });
    expect(response.headers.location).toBe(`/appointments/${body.id}`);
    expect(requested).toContain('BookingRequested');

    const reserved: SlotReservedV1 = {
      slotId: 'slot-1',
      reservationId: 'r-1',
      bookingId: body.id,
      organisation: 'A81001',
      serviceType: 'gp-consultation',
      deliveryChannel: 'telephone',
      start: '2030-05-01T10:00:00.000Z',
      end: '2030-05-01T10:15:00.000Z',
    };
    const outcome = testEvent(reserved, { type: SlotEventTypes.reserved });
    await bus.publish([{ topic: Topics.slotEvents, key: 'slot-1', event: outcome }]);
    // A redelivery of the same outcome changes nothing.
    await bus.publish([{ topic: Topics.slotEvents, key: 'slot-1', event: outcome }]);

    const settled = await request('GET', response.headers.location as string);
    expect(settled.json()).toMatchObject({ status: 'booked', start: reserved.start, deliveryChannel: 'telephone', version: 2 });
    expect(settled.headers.etag).toBe('"2"');
  });
});
