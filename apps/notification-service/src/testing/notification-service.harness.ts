import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Role } from '@app/access';
import type { EventEnvelope } from '@app/contracts';
import { Topics } from '@app/contracts';
import { InProcessBus } from '@app/messaging';
import { ServiceInfra, embeddedInfra } from '@app/service-kit';
import { Client, injectingClient, testServiceApp } from '../../../../test/support/service-app';
import { tokenFor } from '../../../../test/support/tokens';
import { NotificationApplication } from '../application/notification.application';
import type { NotificationOptionsInput } from '../application/notification-options';
import { NotificationServiceModule } from '../notification-service.module';
import { bookingEvent } from './booking-events';

export { eventually, sleep } from '../../../../test/support/eventually';

/**
 * notification-service alone on real SQLite files and the in-process bus, over HTTP (inject). The test plays
 * the booking-service by publishing booking integration events, and reads what the service publishes on
 * notification.events.v1. `restart()` stops it cleanly; `crash()` abandons it as a killed process would.
 */
export class NotificationServiceHarness {
  readonly dataDir = mkdtempSync(join(tmpdir(), 'notification-service-'));
  readonly published: EventEnvelope[] = [];
  bus!: InProcessBus;
  notifications!: NotificationApplication;
  private infra!: ServiceInfra;
  private app!: NestFastifyApplication;
  private abandoned: { app: NestFastifyApplication; bus: InProcessBus }[] = [];

  constructor(readonly options: NotificationOptionsInput = {}) {}

  async start(): Promise<this> {
    this.bus = new InProcessBus();
    await this.bus.subscribe({ groupId: 'test.notification-events', topics: [Topics.notificationEvents], handler: async (message) => void this.published.push(message.event) });
    this.infra = embeddedInfra('notification-service', this.dataDir, this.bus);
    this.notifications = new NotificationApplication(this.infra, { dispatchPollMs: 50, ...this.options });
    this.app = await testServiceApp(NotificationServiceModule.register(this.notifications), this.infra, this.dataDir);
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

  /** Like a killed process: the old instance can record nothing more (its event store is closed), a new one starts on the same files. */
  async crash(): Promise<void> {
    await this.infra.store.close();
    this.abandoned.push({ app: this.app, bus: this.bus });
    await this.start();
  }

  async close(): Promise<void> {
    await this.stop();
    for (const { app, bus } of this.abandoned) {
      await app.close().catch(() => undefined);
      await bus.close().catch(() => undefined);
    }
    rmSync(this.dataDir, { recursive: true, force: true });
  }

  /** Publishes a booking integration event as the booking-service would; resolves once the service handled it. */
  async publishBooking<T extends { bookingId: string }>(type: string, data: T, id?: string): Promise<EventEnvelope> {
    const message = bookingEvent(type, data, id);
    await this.bus.publish([message]);
    return message.event;
  }

  async as(organisation: string, role: Role = 'booker', options: { orgType?: string; federations?: string[] } = {}): Promise<Client> {
    return injectingClient(() => this.app, await tokenFor(organisation, role, options));
  }

  /** The service's stored events of one appointment. */
  stream(bookingId: string) {
    return this.notifications.runtime.infra.store.readStream(`notification-${bookingId}`);
  }
}
