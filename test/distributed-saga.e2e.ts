import { ApiClient, ApiResponse, slotInput, testNhsNumber, uniqueKey } from './support/api-client';
import { publishSlots } from './support/actors';
import { buildApps } from './support/built-app';
import { DistributedDeployment } from './support/distributed-deployment';
import { eventually } from './support/eventually';
import { storedEvents } from './support/stored-events';
import { tokenFor } from './support/tokens';

const { KAFKA_BROKERS, MONGODB_URL } = process.env;
const enabled = Boolean(KAFKA_BROKERS && MONGODB_URL);
if (!enabled) {
  console.warn('Distributed saga tests SKIPPED: KAFKA_BROKERS and MONGODB_URL are not set (LOCAL_INFRA=off?)');
}

const deadlineMs = 8000;
const holdTtlSeconds = 4;

/** Reschedule, rebook, cancel and the booking deadline across four processes on Kafka and FerretDB. */
(enabled ? describe : describe.skip)('distributed saga (four processes, real Kafka, FerretDB read models)', () => {
  let deployment: DistributedDeployment;
  let slotApi: ApiClient;
  let slots: ApiClient;
  let bookings: ApiClient;
  let urgentCare: ApiClient;

  const publish = async (organisation = 'A81001') => (await publishSlots(slotApi, organisation, [slotInput(organisation)]))[0];
  const book = (slotId: string) => bookings.post('/appointments', { slotId, patient: { nhsNumber: testNhsNumber() }, description: 'Flu vaccination' });
  /** The view once the saga has decided: at once for 200/201, by polling the Location for 202. */
  const settled = async (response: ApiResponse) => {
    if (response.status !== 202) return response.body;
    return (await eventually(() => bookings.get(response.headers.get('location')!), (r) => r.body.status !== 'pending', 60_000)).body;
  };
  const remainingBecomes = async (slotId: string, value: number) =>
    (await eventually(() => slots.get(`/slots/${slotId}`), (r) => r.body.remaining === value, 30_000)).body.remaining;
  const bookedSlot = async () => {
    const slot = await publish();
    const response = await book(slot.id);
    expect([201, 202]).toContain(response.status);
    const view = await settled(response);
    expect(view.status).toBe('booked');
    return { slot, appointment: view };
  };

  beforeAll(async () => {
    buildApps();
    deployment = new DistributedDeployment(KAFKA_BROKERS!, MONGODB_URL!, {
      env: { BOOKING_DEADLINE_MS: String(deadlineMs), BOOKING_CONFIRM_TIMEOUT_MS: '3000', HOLD_TTL_SECONDS: String(holdTtlSeconds) },
    });
    await deployment.start();
    slotApi = new ApiClient(deployment.url('slot-service'));
    slots = new ApiClient(deployment.url('slot-service'), await tokenFor('A81001'));
    bookings = new ApiClient(deployment.url('booking-service'), await tokenFor('B82002'));
    urgentCare = new ApiClient(deployment.url('booking-service'), await tokenFor('NHS111', 'booker', { orgType: 'urgent-care' }));
    // The first booking waits for the consumer groups to form; let that happen before the deadline matters.
    await eventually(
      async () => settled(await book((await publish()).id)),
      (view) => view.status === 'booked',
      120_000,
      0,
    );
  }, 300_000);

  afterAll(async () => {
    await deployment?.destroy();
  }, 60_000);

  it('cancels an appointment and gives its place back', async () => {
    const { slot, appointment } = await bookedSlot();
    expect(await remainingBecomes(slot.id, 0)).toBe(0);
    const cancelled = await bookings.post(`/appointments/${appointment.id}/cancel`, { reason: 'Patient request' });
    expect([200, 202]).toContain(cancelled.status);
    expect((await eventually(() => bookings.get(`/appointments/${appointment.id}`), (r) => r.body.status === 'cancelled', 30_000)).body.status).toBe('cancelled');
    expect(await remainingBecomes(slot.id, 1)).toBe(1);
    expect((await settled(await book(slot.id))).status).toBe('booked');
  });

  it('reschedules: the appointment moves, the old place is released; a refused move leaves it untouched', async () => {
    const { slot: old, appointment } = await bookedSlot();
    const { slot: taken } = await bookedSlot();
    const refused = await bookings.post(`/appointments/${appointment.id}/reschedule`, { slotId: taken.id });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('slot_full');
    const untouched = await bookings.get(`/appointments/${appointment.id}`);
    expect(untouched.headers.get('etag')).toBe('"2"');
    expect(untouched.body).toMatchObject({ slotId: old.id, status: 'booked' });

    const next = await publish();
    const moved = await bookings.post(`/appointments/${appointment.id}/reschedule`, { slotId: next.id });
    expect([200, 202]).toContain(moved.status);
    const view = await eventually(() => bookings.get(`/appointments/${appointment.id}`), (r) => r.body.slotId === next.id, 30_000);
    expect(view.body).toMatchObject({ status: 'booked', slotId: next.id, start: next.start });
    expect(await remainingBecomes(next.id, 0)).toBe(0);
    expect(await remainingBecomes(old.id, 1)).toBe(1);
  });

  it('rebooks across organisations: the new appointment first, then the old one cancelled as superseded', async () => {
    const { slot: old, appointment } = await bookedSlot();
    const elsewhere = await publish('C83003');
    const rebooked = await urgentCare.post(`/appointments/${appointment.id}/rebook`, { slotId: elsewhere.id, reason: '111 reassessment' });
    expect([201, 202]).toContain(rebooked.status);
    const fresh = await settled(rebooked);
    expect(fresh).toMatchObject({ status: 'booked', supersedes: appointment.id, organisation: 'C83003', slotId: elsewhere.id });
    const oldView = await eventually(() => bookings.get(`/appointments/${appointment.id}`), (r) => r.body.status === 'cancelled', 30_000);
    expect(oldView.body).toMatchObject({ status: 'cancelled', supersededBy: fresh.id });
    expect(await remainingBecomes(old.id, 1)).toBe(1);
  });

  it('refuses a made-up slot id across the processes: slot_not_found, its refusal stored under the reservation, nothing under that id', async () => {
    const madeUp = `made-up-${uniqueKey()}`;
    const response = await book(madeUp);
    const appointmentId = response.status === 404 ? response.body.appointmentId : response.body.id;
    const outcome = response.status === 404 ? response.body.code : (await settled(response)).rejectionReason;
    expect(outcome).toBe('slot_not_found');
    const refusals = await eventually(
      () => storedEvents(deployment.dataDir, 'slot-service').filter((e) => e.data.bookingId === appointmentId),
      (found) => found.length > 0,
      30_000,
    );
    expect(refusals.map((e) => [e.streamId.startsWith('reservation-refusal-'), e.type, e.data.reason])).toEqual([[true, 'SlotReservationRejected', 'slot_not_found']]);
    expect(storedEvents(deployment.dataDir, 'slot-service').filter((e) => e.streamId === `slot-${madeUp}`)).toEqual([]);
  });

  it('rejects a booking with timeout while the slot-service is down, and releases the place it reserves late; a hold that expired meanwhile frees its place', async () => {
    const slot = await publish();
    const held = await publish();
    const hold = await new ApiClient(deployment.url('slot-service'), await tokenFor('B82002')).post(`/slots/${held.id}/holds`, {});
    expect(hold.status).toBe(201);
    expect(await remainingBecomes(held.id, 0)).toBe(0);
    expect(await deployment.stopService('slot-service')).toBe(0);
    let restarted = false;
    try {
      const response = await book(slot.id);
      expect(response.status).toBe(202);
      const rejected = await eventually(() => bookings.get(response.headers.get('location')!), (r) => r.body.status !== 'pending', deadlineMs + 30_000);
      expect(rejected.body).toMatchObject({ status: 'rejected', rejectionReason: 'timeout' });

      await deployment.startService('slot-service');
      restarted = true;
      // The slot-service now handles the request it missed (a reservation) and then the release the timeout asked for.
      const events = await eventually(
        () => storedEvents(deployment.dataDir, 'slot-service').filter((e) => e.data.bookingId === response.body.id),
        (found) => found.some((e) => e.type === 'SlotReleased'),
        60_000,
      );
      expect(events.map((e) => e.type)).toEqual(['SlotReserved', 'SlotReleased']);
      expect(events[1].data.reason).toBe('timeout');
      expect(await remainingBecomes(slot.id, 1)).toBe(1);
      expect(Date.parse(hold.body.expiresAt)).toBeLessThan(Date.now());
      expect(await remainingBecomes(held.id, 1)).toBe(1);
      // The restarted slot-service's scheduler records the expiry it missed while down.
      const expired = await eventually(
        () => storedEvents(deployment.dataDir, 'slot-service').filter((e) => e.type === 'SlotHoldExpired' && e.data.holdId === hold.body.holdId),
        (found) => found.length > 0,
        30_000,
      );
      expect(expired).toHaveLength(1);
      expect((await bookings.get(response.headers.get('location')!)).body.status).toBe('rejected');
      expect((await settled(await book(slot.id))).status).toBe('booked');
    } finally {
      if (!restarted) await deployment.startService('slot-service');
    }
  });
});
