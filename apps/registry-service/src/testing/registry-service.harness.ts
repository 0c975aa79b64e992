import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Role } from '@app/access';
import {
  BookingConfirmedV1,
  BookingEventTypes,
  EventEnvelope,
  RegistryEntryChangedV1,
  Topics,
} from '@app/contracts';
import { InProcessBus } from '@app/messaging';
import { embeddedInfra } from '@app/service-kit';
import { Client, injectingClient, testServiceApp } from '../../../../test/support/service-app';
import { TokenOptions, tokenFor } from '../../../../test/support/tokens';
import { RegistryApplication } from '../application/registry.application';
import type { RegistryOptions } from '../application/registry-options';
import { RegistryServiceModule } from '../registry-service.module';

export { eventually, sleep } from '../../../../test/support/eventually';

export interface Published {
  key: string;
  event: EventEnvelope<RegistryEntryChangedV1>;
}

/**
 * registry-service alone on real SQLite files and the in-process bus, over HTTP (inject). The test plays the
 * booking-service by publishing booking events, and a subscriber of registry.changes.v1 by reading `published`.
 * `restart()` closes it and starts it again on the same files.
 */
export class RegistryServiceHarness {
  readonly dataDir = mkdtempSync(join(tmpdir(), 'registry-service-'));
  readonly published: Published[] = [];
  bus!: InProcessBus;
  registry!: RegistryApplication;
  private app!: NestFastifyApplication;

  constructor(readonly options: Partial<RegistryOptions> = {}) {}

  async start(): Promise<this> {
    this.bus = new InProcessBus();
    await this.bus.subscribe({
      groupId: 'test.registry-subscriber',
      topics: [Topics.registryChanges],
      handler: async ({ key, event }) => void this.published.push({ key, event: event as EventEnvelope<RegistryEntryChangedV1> }),
    });
    this.registry = new RegistryApplication(embeddedInfra('registry-service', this.dataDir, this.bus), { sweepPollMs: 50, ...this.options });
    this.app = await testServiceApp(RegistryServiceModule.register(this.registry), this.registry.runtime.infra, this.dataDir);
    return this;
  }

  async stop(): Promise<void> {
    await this.app.close();
    await this.bus.close();
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  async close(): Promise<void> {
    await this.stop();
    rmSync(this.dataDir, { recursive: true, force: true });
  }

  async as(organisation: string, role: Role = 'booker', options: TokenOptions = {}): Promise<Client> {
    return injectingClient(() => this.app, await tokenFor(organisation, role, options));
  }

  /** Publishes a booking event as the booking-service would (key: booking id); returns it, to redeliver. */
  async publishBooking<T extends { bookingId: string }>(type: string, data: T, event: Partial<EventEnvelope<T>> = {}): Promise<EventEnvelope<T>> {
    const envelope: EventEnvelope<T> = {
      id: randomUUID(),
      type,
      version: 1,
      occurredAt: new Date().toISOString(),
      streamId: `booking-${data.bookingId}`,
      streamPosition: 1,
      correlationId: randomUUID(),
      causationId: randomUUID(),
      actor: { organisation: 'A81001', organisationType: 'gp-practice', user: 'A81001-booker', role: 'booker', federations: [] },
      data,
      ...event,
    };
    await this.redeliver(envelope);
    return envelope;
  }

  redeliver(envelope: EventEnvelope<{ bookingId: string }>): Promise<void> {
    return this.bus.publish([{ topic: Topics.bookingEvents, key: envelope.data.bookingId, event: envelope }]);
  }

  /** Every stored event of the registry, in order. */
  storedEvents() {
    return this.registry.runtime.infra.store.readAll({ limit: 100_000 });
  }
}

export function registryServiceForSuite(options: Partial<RegistryOptions> = {}): RegistryServiceHarness {
  const service = new RegistryServiceHarness(options);
  beforeAll(() => service.start());
  afterAll(() => service.close());
  return service;
}

/** A confirmed booking of `nhsNumber` starting `minutesAhead` from now (fractions allowed), ten minutes long. */
export function confirmedBooking(nhsNumber = '9434765919', minutesAhead = 24 * 60, extra: Partial<BookingConfirmedV1> = {}): BookingConfirmedV1 {
  const start = new Date(Date.now() + minutesAhead * 60_000);
  const bookingId = randomUUID();
  return {
    bookingId,
    reservationId: randomUUID(),
    slotId: `slot-${randomUUID()}`,
    organisation: 'A81001',
    serviceType: 'phlebotomy',
    deliveryChannel: 'in-person',
    start: start.toISOString(),
    end: new Date(start.getTime() + 10 * 60_000).toISOString(),
    patient: { nhsNumber, contact: { phone: '07700900123' } },
    description: 'Blood test',
    bookedBy: { organisation: 'A81001', organisationType: 'gp-practice', federations: [] },
    ...extra,
  };
}

export const confirm = (service: RegistryServiceHarness, booking: BookingConfirmedV1) => service.publishBooking(BookingEventTypes.confirmed, booking);
