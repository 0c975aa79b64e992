import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BookingEventTypes, BookingRequestedV1, Topics, systemActor } from '@app/contracts';
import { InProcessBus, IncomingMessage, ProcessedMessageStore } from '@app/messaging';
import { testEvent, waitFor } from '../../../../libs/messaging/src/testing/bus.contract';
import { ServiceInfra, embeddedInfra } from '@app/service-kit';
import { SlotApplication, slotStream } from './slot.application';

/** A processed-message store that forgets everything: what a crash between storing the effect and recording the id leaves. */
const forgetfulProcessedStore: ProcessedMessageStore = { has: async () => false, add: async () => undefined };

describe('slot-service saga step (real SQLite, in-process bus)', () => {
  let dataDir: string;
  let bus: InProcessBus;
  let infra: ServiceInfra;
  let slots: SlotApplication;

  beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'slot-service-'));
    bus = new InProcessBus();
    infra = { ...embeddedInfra('slot-service', dataDir, bus), processed: forgetfulProcessedStore };
    slots = new SlotApplication(infra);
    await slots.runtime.start();
    await slots.runtime.startPublishing();
  });
  afterEach(async () => {
    await slots.runtime.stop();
    await infra.close();
    await bus.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('reserves once when a booking request is redelivered after a crash, and publishes one outcome', async () => {
    const actor = { ...systemActor('test'), organisation: 'A81001', role: 'booker' };
    const [slot] = await slots.publish(
      [{ organisation: 'A81001', serviceType: 'phlebotomy', deliveryChannel: 'in-person', start: '2030-01-01T09:00:00.000Z', end: '2030-01-01T09:10:00.000Z', capacity: 2 }],
      actor,
      { correlationId: 'c1' },
    );
    const outcomes: IncomingMessage[] = [];
    await bus.subscribe({ groupId: 'observer', topics: [Topics.slotEvents], handler: async (m) => void outcomes.push(m) });

    const request: BookingRequestedV1 = {
      bookingId: 'b1',
      reservationId: 'r1',
      slotId: slot.id,
      requester: { organisation: 'A81001', organisationType: 'gp-practice', federations: [] },
    };
    const message = testEvent(request, { type: BookingEventTypes.requested, actor });
    for (let delivery = 0; delivery < 3; delivery++) await bus.publish([{ topic: Topics.bookingEvents, key: 'b1', event: message }]);

    const stream = await infra.store.readStream(slotStream(slot.id));
    expect(stream.map((e) => e.type)).toEqual(['SlotPublished', 'SlotReserved']);
    expect(stream[1]).toMatchObject({ causationId: message.id, correlationId: message.correlationId, actor });
    await waitFor('the outcome', () => outcomes.length >= 1, 5000);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(outcomes.map((m) => m.event.type)).toEqual(['SlotReserved']);
    expect((await slots.get(slot.id, actor))?.booked).toBe(1);
  });
});
