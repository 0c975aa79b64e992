import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Role } from '@app/access';
import { BookingEventTypes, Requester, Topics } from '@app/contracts';
import { InProcessBus } from '@app/messaging';
import { ServiceInfra, embeddedInfra } from '@app/service-kit';
import { testEvent } from '../../../../libs/messaging/src/testing/bus.contract';
import { testServiceApp } from '../../../../test/support/service-app';
import { tokenFor } from '../../../../test/support/tokens';
import { SlotApplication, SlotOptions } from '../application/slot.application';
import { SlotServiceModule } from '../slot-service.module';

export interface Caller {
  org: string;
  role?: Role;
  orgType?: string;
  federations?: string[];
}

/** slot-service on its own over HTTP (real SQLite in `dataDir`, in-process bus), as the platform runs it. */
export async function startSlotService(dataDir: string, options: SlotOptions = {}, adapt: (infra: ServiceInfra) => ServiceInfra = (infra) => infra) {
  const bus = new InProcessBus();
  const infra = adapt(embeddedInfra('slot-service', dataDir, bus));
  const slots = new SlotApplication(infra, options);
  const app: NestFastifyApplication = await testServiceApp(SlotServiceModule.register(slots), infra, dataDir);

  const request = async (caller: Caller, method: 'GET' | 'POST' | 'DELETE', url: string, payload?: unknown, headers: Record<string, string> = {}) => {
    const token = await tokenFor(caller.org, caller.role ?? 'booker', { orgType: caller.orgType, federations: caller.federations });
    return app.inject({ method, url, payload: payload as never, headers: { authorization: `Bearer ${token}`, ...headers } });
  };

  /** Plays the booking-service: a reservation request or a release request on booking.events.v1. */
  const sendBookingEvent = async (type: string, data: object, key: string) => {
    const event = testEvent(data, { type });
    await bus.publish([{ topic: Topics.bookingEvents, key, event }]);
    return event;
  };
  const requestReservation = (request: { bookingId: string; reservationId: string; slotId: string; holdId?: string; requester: Requester }) =>
    sendBookingEvent(BookingEventTypes.requested, request, request.bookingId);

  return {
    app,
    bus,
    slots,
    store: infra.store,
    request,
    sendBookingEvent,
    requestReservation,
    close: async () => {
      await app.close();
      await bus.close();
    },
  };
}

export type SlotService = Awaited<ReturnType<typeof startSlotService>>;

/** {@link startSlotService} in a new temporary directory (its name starts with `prefix`), which `close()` deletes. */
export async function startSlotServiceInTempDir(
  prefix: string,
  options?: SlotOptions,
  adapt?: (infra: ServiceInfra) => ServiceInfra,
): Promise<SlotService> {
  const dataDir = mkdtempSync(join(tmpdir(), prefix));
  const removeDir = () => rmSync(dataDir, { recursive: true, force: true });
  const service = await startSlotService(dataDir, options, adapt).catch((error) => {
    removeDir();
    throw error;
  });
  return {
    ...service,
    close: async () => {
      await service.close();
      removeDir();
    },
  };
}

/** A slot as a publisher sends it, in 2030 (always in the future), ten minutes long. */
export const slotInput = (organisation: string, overrides: Record<string, unknown> = {}) => ({
  organisation,
  serviceType: 'phlebotomy',
  deliveryChannel: 'in-person',
  start: '2030-01-07T09:00:00Z',
  end: '2030-01-07T09:10:00Z',
  ...overrides,
});

export const window2030 = 'start=2030-01-01T00:00:00Z&end=2030-01-15T00:00:00Z';
