import type { LogLevel } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { TokenSettings, tokenVerifier } from '@app/access';
import { Bus, InProcessBus } from '@app/messaging';
import { MemoryDocumentStore } from '@app/readmodel';
import { RateLimit, createHttpApp, embeddedAccessAudit, embeddedInfra, keepDeadLetters } from '@app/service-kit';
import { BookingApplication, BookingServiceModule } from '../../booking-service/src';
import { NotificationApplication, NotificationOptionsInput, NotificationServiceModule } from '../../notification-service/src';
import { RegistryApplication, RegistryOptions, RegistryServiceModule } from '../../registry-service/src';
import { SlotApplication, SlotServiceModule } from '../../slot-service/src';

export interface PlatformOptions {
  dataDir: string;
  /** How access tokens are checked: AUTH_SECRET (else the key kept in DATA_DIR), or an identity provider's JWKS. */
  auth?: TokenSettings;
  /** RATE_LIMIT_PER_ORG per RATE_LIMIT_WINDOW (the default when left out), or 'off'. */
  rateLimit?: RateLimit;
  confirmTimeoutMs: number;
  /** HOLD_TTL_SECONDS: how long a slot hold keeps its place (slot-service default when left out). */
  holdTtlSeconds?: number;
  /** HOLD_LIMIT_PER_ORG: unexpired holds one organisation may have (slot-service default when left out). */
  holdLimitPerOrg?: number;
  /** A booking or reschedule unanswered after this is rejected (timeout); default 30 s. */
  bookingDeadlineMs?: number;
  /** Expiry grace and appointment URLs of registry entries (registry-service defaults when left out). */
  registry?: Partial<RegistryOptions>;
  /** Reminders, organisation names, delivery (outbox or GOV.UK Notify) and retries (notification-service defaults when left out). */
  notifications?: NotificationOptionsInput;
  logger?: LogLevel[] | false;
  /** The services' bus; default a new InProcessBus (end-to-end tests pass one that checks every message it carries). */
  bus?: Bus;
}

export interface Platform {
  app: NestFastifyApplication;
  close(): Promise<void>;
}

/**
 * Embedded mode: the four services in one process and on one port, each with its own SQLite event store in
 * DATA_DIR and in-memory read models rebuilt at start, talking over the in-process bus.
 */
export async function createPlatform(options: PlatformOptions): Promise<Platform> {
  const bus = options.bus ?? new InProcessBus();
  const deadLetters = await keepDeadLetters(bus, options.dataDir);
  // The access records and the timeline: one read side for the four services, as one process answers for all.
  const auditDocuments = new MemoryDocumentStore();
  const infra = (service: string) => embeddedInfra(service, options.dataDir, bus, auditDocuments);
  const slots = new SlotApplication(infra('slot-service'), { holdTtlSeconds: options.holdTtlSeconds, holdLimitPerOrg: options.holdLimitPerOrg });
  const bookings = new BookingApplication(infra('booking-service'), { confirmTimeoutMs: options.confirmTimeoutMs, deadlineMs: options.bookingDeadlineMs });
  const registry = new RegistryApplication(infra('registry-service'), options.registry);
  const notifications = new NotificationApplication(infra('notification-service'), options.notifications);
  const app = await createHttpApp({
    modules: [
      SlotServiceModule.register(slots),
      BookingServiceModule.register(bookings),
      RegistryServiceModule.register(registry),
      NotificationServiceModule.register(notifications),
    ],
    tokens: tokenVerifier(options.auth ?? {}, options.dataDir),
    rateLimit: options.rateLimit,
    health: {
      'slot-service': () => slots.runtime.health(),
      'booking-service': () => bookings.runtime.health(),
      'registry-service': () => registry.runtime.health(),
      'notification-service': () => notifications.runtime.health(),
    },
    audit: embeddedAccessAudit(options.dataDir, auditDocuments),
    logger: options.logger,
  });
  await app.init();
  return {
    app,
    // HTTP first, then the access audit (records flushed, store closed), then each service (consumers, schedulers,
    // relay, projections, then its stores), then the bus.
    close: async () => {
      await app.close();
      await deadLetters.close();
      await bus.close();
    },
  };
}
