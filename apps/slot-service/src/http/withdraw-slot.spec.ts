import { SlotService, slotInput, startSlotServiceInTempDir, window2030 } from '../testing/slot-service-harness';

const admin = { org: 'A81001', role: 'provider-admin' as const };
const ownBooker = { org: 'A81001' };
const ownClinician = { org: 'A81001', role: 'clinician' as const };
const memberAdmin = { org: 'Y00001', role: 'provider-admin' as const, federations: ['F1'] };
const outsiderAdmin = { org: 'B99999', role: 'provider-admin' as const, federations: ['F9'] };
const requester = { organisation: 'A81001', organisationType: 'gp-practice', federations: [] };

describe('DELETE /slots/:id (real SQLite, over HTTP)', () => {
  let service: SlotService;

  beforeAll(async () => (service = await startSlotServiceInTempDir('slot-withdraw-')));
  afterAll(() => service.close());

  const publish = async (overrides: Record<string, unknown> = {}) =>
    (await service.request(admin, 'POST', '/slots', { slots: [slotInput('A81001', { bookableBy: { federations: ['F1'] }, ...overrides })] })).json().items[0] as {
      id: string;
    };
  const listed = async (caller: object, id: string) =>
    (await service.request(caller as never, 'GET', `/slots?organisation=A81001&${window2030}&limit=500`)).json().items.some((s: { id: string }) => s.id === id);

  it('withdraws a slot without bookings: 204, no longer listed or bookable, shown to its owner as withdrawn', async () => {
    const slot = await publish();
    expect(await listed(memberAdmin, slot.id)).toBe(true);
    const response = await service.request(admin, 'DELETE', `/slots/${slot.id}`);
    expect(response.statusCode).toBe(204);
    expect(response.body).toBe('');

    expect(await listed(memberAdmin, slot.id)).toBe(false);
    expect(await listed(ownBooker, slot.id)).toBe(false);
    expect((await service.request(ownBooker, 'GET', `/slots/${slot.id}`)).json()).toMatchObject({ status: 'withdrawn', remaining: 0 });
    expect((await service.request(memberAdmin, 'GET', `/slots/${slot.id}`)).statusCode).toBe(404);
    await service.requestReservation({ bookingId: 'b1', reservationId: 'r1', slotId: slot.id, requester });
    const events = await service.store.readStream(`slot-${slot.id}`);
    expect(events.map((e) => e.type)).toEqual(['SlotPublished', 'SlotWithdrawn', 'SlotReservationRejected']);
    expect(events[2].data).toMatchObject({ reason: 'slot_not_found' });
    // Withdrawing again changes nothing.
    expect((await service.request(admin, 'DELETE', `/slots/${slot.id}`)).statusCode).toBe(204);
    expect(await service.store.readStream(`slot-${slot.id}`)).toHaveLength(3);
  });

  it('refuses 409 slot_has_bookings while a reservation is live; withdraws once it is released', async () => {
    const slot = await publish({ capacity: 3 });
    await service.requestReservation({ bookingId: 'b2', reservationId: 'r2', slotId: slot.id, requester });
    const refused = await service.request(admin, 'DELETE', `/slots/${slot.id}`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'slot_has_bookings' });
    expect(await listed(memberAdmin, slot.id)).toBe(true);

    await service.sendBookingEvent('SlotReleaseRequested', { bookingId: 'b2', reservationId: 'r2', slotId: slot.id, reason: 'cancelled' }, 'b2');
    expect((await service.request(admin, 'DELETE', `/slots/${slot.id}`)).statusCode).toBe(204);
  });

  it('403 for those who can see the slot but do not manage it; 404 for those who cannot see it', async () => {
    const slot = await publish();
    for (const caller of [ownBooker, ownClinician, memberAdmin, { org: 'A81001', role: 'auditor' as const }]) {
      const response = await service.request(caller, 'DELETE', `/slots/${slot.id}`);
      expect([caller, response.statusCode, response.json().code]).toEqual([caller, 403, 'withdraw_not_allowed']);
    }
    const hidden = await service.request(outsiderAdmin, 'DELETE', `/slots/${slot.id}`);
    expect(hidden.statusCode).toBe(404);
    expect(hidden.json().code).toBe('slot_not_found');
    expect((await service.request(admin, 'DELETE', '/slots/no-such-slot')).statusCode).toBe(404);
    expect(await listed(memberAdmin, slot.id)).toBe(true);
  });

  it('lets a system actor withdraw any organisation’s slot', async () => {
    const slot = await publish();
    expect((await service.request({ org: 'PLATFORM', role: 'system' }, 'DELETE', `/slots/${slot.id}`)).statusCode).toBe(204);
  });
});
