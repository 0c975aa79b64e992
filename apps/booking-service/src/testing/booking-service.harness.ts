import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Role } from '@app/access';
import { InProcessBus } from '@app/messaging';
import { embeddedInfra } from '@app/service-kit';
import { Client, injectingClient, testServiceApp } from '../../../../test/support/service-app';
import { tokenFor } from '../../../../test/support/tokens';
import { BookingApplication } from '../application/booking.application';
import type { BookingOptions } from '../application/booking-parts';
import { BookingServiceModule } from '../booking-service.module';
import { FakeSlotService } from './fake-slot-service';

export { eventually, sleep } from '../../../../test/support/eventually';

/**
 * booking-service alone on real SQLite files and the in-process bus, over HTTP (inject); the test plays the
 * slot-service through {@link FakeSlotService}. `restart()` closes it and starts it again on the same files.
 */
export class BookingServiceHarness {
  readonly dataDir = mkdtempSync(join(tmpdir(), 'booking-service-'));
  bus!: InProcessBus;
  slots!: FakeSlotService;
  bookings!: BookingApplication;
  private app!: NestFastifyApplication;

  constructor(readonly options: Partial<BookingOptions> = {}) {}

  async start(): Promise<this> {
    this.bus = new InProcessBus();
    this.slots = new FakeSlotService(this.bus);
    await this.slots.start();
    this.bookings = new BookingApplication(embeddedInfra('booking-service', this.dataDir, this.bus), { confirmTimeoutMs: 1000, deadlinePollMs: 50, ...this.options });
    this.app = await testServiceApp(BookingServiceModule.register(this.bookings), this.bookings.runtime.infra, this.dataDir);
    return this;
  }

  async stop(): Promise<void> {
    await this.app.close();
    await this.bus.close();
  }

  async restart(): Promise<void> {
    const { requests, releases, live } = this.slots;
    await this.stop();
    await this.start();
    // The slot-service outlives the booking-service's restart.
    this.slots.requests.push(...requests);
    this.slots.releases.push(...releases);
    for (const [reservation, slot] of live) this.slots.live.set(reservation, slot);
  }

  async close(): Promise<void> {
    await this.stop();
    rmSync(this.dataDir, { recursive: true, force: true });
  }

  async as(organisation: string, role: Role = 'booker', options: { orgType?: string; federations?: string[] } = {}): Promise<Client> {
    return injectingClient(() => this.app, await tokenFor(organisation, role, options));
  }

  /** The booking-service's stored events of one stream. */
  stream(streamId: string) {
    return this.bookings.runtime.infra.store.readStream(streamId);
  }
}

/** A {@link BookingServiceHarness} that is started before the enclosing suite's tests and closed after them. */
export function bookingServiceForSuite(options: Partial<BookingOptions> = {}): BookingServiceHarness {
  const service = new BookingServiceHarness(options);
  beforeAll(() => service.start());
  afterAll(() => service.close());
  return service;
}

export const appointment = (slotId: string, nhsNumber = '9434765919', extra: Record<string, unknown> = {}) => ({
  slotId,
  patient: { nhsNumber },
  description: 'Blood test',
  ...extra,
});
