import { BookingEventTypes, Requester, SlotEventTypes, Topics } from '@app/contracts';
import { IncomingMessage, ProcessedMessageStore, deadLetterTopic } from '@app/messaging';
import { testEvent, waitFor } from '../../../../libs/messaging/src/testing/bus.contract';
import { SlotService, slotInput, startSlotServiceInTempDir } from '../testing/slot-service-harness';
import { reservationRefusalStream, slotStream } from './slot-streams';

/** A processed-message store that forgets everything: what a crash between storing the effect and recording the id leaves. */
const forgetfulProcessedStore: ProcessedMessageStore = { has: async () => false, add: async () => undefined };

const practice: Requester = { organisation: 'A81001', organisationType: 'gp-practice', federations: [] };
const hub: Requester = { organisation: 'Y00001', organisationType: 'gp-hub', federations: ['F1'] };
const admin = { org: 'A81001', role: 'provider-admin' as const };

describe('slot-service saga steps (real SQLite, in-process bus)', () => {
  let service: SlotService;
  let outcomes: IncomingMessage[];

  beforeEach(async () => {
    service = await startSlotServiceInTempDir('slot-service-', {}, (infra) => ({ ...infra, processed: forgetfulProcessedStore }));
    outcomes = [];
    await service.bus.subscribe({ groupId: 'observer', topics: [Topics.slotEvents], handler: async (m) => void outcomes.push(m) });
  });
  afterEach(() => service.close());

  const publish = async (overrides: Record<string, unknown> = {}) => {
    const response = await service.request(admin, 'POST', '/slots', { slots: [slotInput('A81001', overrides)] });
    expect(response.statusCode).toBe(201);
    return response.json().items[0] as { id: string };
  };
  const streamTypes = async (slotId: string) => (await service.store.readStream(slotStream(slotId))).map((e) => e.type);
  const remaining = async (slotId: string) => (await service.request(admin, 'GET', `/slots/${slotId}`)).json().remaining;
  const settle = () => new Promise((resolve) => setTimeout(resolve, 100));

  it('reserves once when a booking request is redelivered after a crash, and publishes one outcome', async () => {
    const slot = await publish({ capacity: 2, organisationName: 'Riverside Surgery' });
    const request = { bookingId: 'b1', reservationId: 'r1', slotId: slot.id, requester: practice };
    const message = await service.requestReservation(request);
    for (let delivery = 0; delivery < 2; delivery++) await service.bus.publish([{ topic: Topics.bookingEvents, key: 'b1', event: message }]);

    const stream = await service.store.readStream(slotStream(slot.id));
    expect(stream.map((e) => e.type)).toEqual(['SlotPublished', 'SlotReserved']);
    expect(stream[1]).toMatchObject({ causationId: message.id, correlationId: message.correlationId, actor: message.actor });
    await waitFor('the outcome', () => outcomes.length >= 1, 5000);
    await settle();
    expect(outcomes.map((m) => m.event.type)).toEqual([SlotEventTypes.reserved]);
    expect(outcomes[0].event.data).toMatchObject({
      reservationId: 'r1',
      bookingId: 'b1',
      slotId: slot.id,
      organisation: 'A81001',
      organisationName: 'Riverside Surgery',
      federations: [],
    });
    expect(outcomes[0].event.data).not.toHaveProperty('requester');
    expect(await remaining(slot.id)).toBe(1);
  });

  it('refuses a reservation with the reason, carrying the reservationId back', async () => {
    const slot = await publish();
    await service.requestReservation({ bookingId: 'b1', reservationId: 'r1', slotId: slot.id, requester: practice });
    await service.requestReservation({ bookingId: 'b2', reservationId: 'r2', slotId: slot.id, requester: practice });
    await service.requestReservation({ bookingId: 'b3', reservationId: 'r3', slotId: 'no-such-slot', requester: practice });
    await waitFor('three outcomes', () => outcomes.length >= 3, 5000);
    expect(outcomes.map((m) => [m.event.type, (m.event.data as { reason?: string }).reason, (m.event.data as { reservationId: string }).reservationId])).toEqual([
      [SlotEventTypes.reserved, undefined, 'r1'],
      [SlotEventTypes.reservationRejected, 'slot_full', 'r2'],
      [SlotEventTypes.reservationRejected, 'slot_not_found', 'r3'],
    ]);
  });

  it('refuses a made-up slot id without starting a stream for it: the refusal is stored once under the reservation, then published', async () => {
    const message = await service.requestReservation({ bookingId: 'b1', reservationId: 'r1', slotId: 'made-up', requester: practice });
    await service.bus.publish([{ topic: Topics.bookingEvents, key: 'b1', event: message }]);
    await service.sendBookingEvent(BookingEventTypes.slotReleaseRequested, { bookingId: 'b1', reservationId: 'r1', slotId: 'made-up', reason: 'timeout' }, 'b1');

    const refusal = { slotId: 'made-up', reservationId: 'r1', bookingId: 'b1', reason: 'slot_not_found' };
    expect((await service.store.readAll()).map((e) => [e.streamId, e.type, e.data])).toEqual([[reservationRefusalStream('r1'), 'SlotReservationRejected', refusal]]);
    expect((await service.store.readStream(reservationRefusalStream('r1')))[0]).toMatchObject({ causationId: message.id, correlationId: message.correlationId });
    await waitFor('the outcome', () => outcomes.length >= 1, 5000);
    await settle();
    expect(outcomes.map((m) => [m.event.type, m.event.data])).toEqual([[SlotEventTypes.reservationRejected, refusal]]);
    expect((await service.request(admin, 'GET', '/slots/made-up')).statusCode).toBe(404);
  });

  it('answers a redelivered request from the stream an older version started for a made-up slot id, adding nothing', async () => {
    const refusal = { slotId: 'legacy', reservationId: 'r0', bookingId: 'b0', reason: 'slot_not_found' };
    const { id, correlationId, causationId, actor, occurredAt } = testEvent(refusal);
    await service.store.append(slotStream('legacy'), [{ id, type: 'SlotReservationRejected', version: 1, data: refusal, correlationId, causationId, actor, occurredAt }], 'no_stream');

    await service.requestReservation({ bookingId: 'b0', reservationId: 'r0', slotId: 'legacy', requester: practice });

    expect(await streamTypes('legacy')).toEqual(['SlotReservationRejected']);
    expect(await service.store.readStream(reservationRefusalStream('r0'))).toEqual([]);
  });

  it('releases a reservation on SlotReleaseRequested, recording the reason; a redelivery or an unknown reservation changes nothing', async () => {
    const slot = await publish();
    await service.requestReservation({ bookingId: 'b1', reservationId: 'r1', slotId: slot.id, requester: practice });
    expect(await remaining(slot.id)).toBe(0);

    const release = { bookingId: 'b1', reservationId: 'r1', slotId: slot.id, reason: 'timeout' };
    const message = await service.sendBookingEvent(BookingEventTypes.slotReleaseRequested, release, 'b1');
    await service.bus.publish([{ topic: Topics.bookingEvents, key: 'b1', event: message }]);
    await service.sendBookingEvent(BookingEventTypes.slotReleaseRequested, { ...release, reservationId: 'r-unknown' }, 'b1');

    expect(await streamTypes(slot.id)).toEqual(['SlotPublished', 'SlotReserved', 'SlotReleased']);
    await waitFor('the release', () => outcomes.some((m) => m.event.type === SlotEventTypes.released), 5000);
    await settle();
    expect(outcomes.filter((m) => m.event.type === SlotEventTypes.released).map((m) => m.event.data)).toEqual([
      { slotId: slot.id, reservationId: 'r1', bookingId: 'b1', reason: 'timeout' },
    ]);
    expect(await remaining(slot.id)).toBe(1);
  });

  it('a release requested right after the request (same booking, same key) frees the late reservation', async () => {
    const slot = await publish();
    await Promise.all([
      service.requestReservation({ bookingId: 'b1', reservationId: 'r1', slotId: slot.id, requester: practice }),
      service.sendBookingEvent(BookingEventTypes.slotReleaseRequested, { bookingId: 'b1', reservationId: 'r1', slotId: slot.id, reason: 'timeout' }, 'b1'),
    ]);
    expect(await streamTypes(slot.id)).toEqual(['SlotPublished', 'SlotReserved', 'SlotReleased']);
  });

  it('a reschedule request reserves a second place for the same booking under its own reservationId', async () => {
    const [first, second] = [await publish(), await publish({ start: '2030-01-08T09:00:00Z', end: '2030-01-08T09:10:00Z' })];
    await service.requestReservation({ bookingId: 'b1', reservationId: 'r1', slotId: first.id, requester: practice });
    await service.sendBookingEvent(BookingEventTypes.rescheduleRequested, { bookingId: 'b1', reservationId: 'r2', slotId: second.id, requester: practice }, 'b1');
    await waitFor('two outcomes', () => outcomes.length >= 2, 5000);
    expect(outcomes.map((m) => [m.event.type, (m.event.data as { reservationId: string }).reservationId, (m.event.data as { slotId: string }).slotId])).toEqual([
      [SlotEventTypes.reserved, 'r1', first.id],
      [SlotEventTypes.reserved, 'r2', second.id],
    ]);
  });

  it('dead-letters at once a reservation request it can never act on, and carries on with the next', async () => {
    const slot = await publish();
    const deadLetters: IncomingMessage[] = [];
    await service.bus.subscribe({ groupId: 'dlq-observer', topics: [deadLetterTopic(Topics.bookingEvents)], handler: async (m) => void deadLetters.push(m) });
    const started = Date.now();
    await service.sendBookingEvent(BookingEventTypes.requested, { bookingId: 'b1', slotId: slot.id, requester: practice }, 'b1');
    expect(deadLetters).toHaveLength(1);
    expect(Date.now() - started).toBeLessThan(500);
    expect((deadLetters[0].event.data as { error: string }).error).toContain('lacks reservationId');
    await service.requestReservation({ bookingId: 'b1', reservationId: 'r1', slotId: slot.id, requester: practice });
    expect(await streamTypes(slot.id)).toEqual(['SlotPublished', 'SlotReserved']);
  });

  it('a reservation with the requester’s hold takes the held place; others are refused while the hold keeps the last one', async () => {
    const slot = await publish({ capacity: 2 });
    const hold = (await service.request({ org: 'Y00001', orgType: 'gp-hub', federations: ['F1'] }, 'POST', `/slots/${slot.id}/holds`)).json();
    await service.requestReservation({ bookingId: 'b1', reservationId: 'r1', slotId: slot.id, requester: practice });
    await service.requestReservation({ bookingId: 'b2', reservationId: 'r2', slotId: slot.id, requester: practice });
    await service.requestReservation({ bookingId: 'b3', reservationId: 'r3', slotId: slot.id, requester: practice, holdId: hold.holdId });
    await service.requestReservation({ bookingId: 'b4', reservationId: 'r4', slotId: slot.id, requester: hub, holdId: hold.holdId });
    await waitFor('four outcomes', () => outcomes.length >= 4, 5000);
    expect(outcomes.map((m) => [(m.event.data as { reservationId: string }).reservationId, m.event.type, (m.event.data as { holdId?: string }).holdId])).toEqual([
      ['r1', SlotEventTypes.reserved, undefined],
      ['r2', SlotEventTypes.reservationRejected, undefined],
      // Another organisation's hold is ignored: the slot is full for it.
      ['r3', SlotEventTypes.reservationRejected, undefined],
      ['r4', SlotEventTypes.reserved, hold.holdId],
    ]);
  });
});
