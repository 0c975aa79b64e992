import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@app/eventstore';
import { eventually } from '../../../../test/support/eventually';
import { SlotService, slotInput, startSlotService } from '../testing/slot-service-harness';
import type { SlotOptions } from '../application/slot.application';

const admin = { org: 'A81001', role: 'provider-admin' as const };
const hub = { org: 'Y00001', orgType: 'gp-hub', federations: ['F1'] };
const otherHub = { org: 'Y00002', orgType: 'gp-hub', federations: ['F1'] };
const outsider = { org: 'B99999', federations: ['F9'] };

describe('POST /slots/:id/holds (real SQLite, over HTTP)', () => {
  let dataDir: string;
  let service: SlotService | undefined;

  const start = async (options: SlotOptions) => (service = await startSlotService(dataDir, { holdExpiryPollMs: 50, ...options }));
  const restart = async (options: SlotOptions) => {
    await service!.close();
    return start(options);
  };
  beforeEach(() => (dataDir = mkdtempSync(join(tmpdir(), 'slot-holds-'))));
  afterEach(async () => {
    await service?.close();
    service = undefined;
    rmSync(dataDir, { recursive: true, force: true });
  });

  const publish = async (overrides: Record<string, unknown> = {}) =>
    (await service!.request(admin, 'POST', '/slots', { slots: [slotInput('A81001', { bookableBy: { federations: ['F1'] }, ...overrides })] })).json().items[0] as {
      id: string;
    };
  const hold = (caller: object, slotId: string, headers: Record<string, string> = {}) => service!.request(caller as never, 'POST', `/slots/${slotId}/holds`, undefined, headers);
  const view = async (slotId: string) => (await service!.request(admin, 'GET', `/slots/${slotId}`)).json();
  const types = async (slotId: string) => (await service!.store.readStream(`slot-${slotId}`)).map((e) => e.type);

  it('keeps one place for the holding organisation for the TTL; 409 slot_full when none is left', async () => {
    await start({ holdTtlSeconds: 120 });
    const slot = await publish({ capacity: 2 });
    const before = Date.now();
    const first = await hold(hub, slot.id);
    expect(first.statusCode).toBe(201);
    const receipt = first.json();
    expect(receipt).toEqual({ holdId: expect.any(String), slotId: slot.id, expiresAt: expect.any(String) });
    const ttl = Date.parse(receipt.expiresAt) - before;
    expect(ttl).toBeGreaterThanOrEqual(119_000);
    expect(ttl).toBeLessThanOrEqual(121_000);
    expect(await view(slot.id)).toMatchObject({ booked: 0, held: 1, remaining: 1, status: 'free' });

    expect((await hold(otherHub, slot.id)).statusCode).toBe(201);
    expect(await view(slot.id)).toMatchObject({ held: 2, remaining: 0, status: 'full' });
    const full = await hold(hub, slot.id);
    expect(full.statusCode).toBe(409);
    expect(full.json().code).toBe('slot_full');
  });

  it('404 for a slot the caller may not see or book, and for an unknown one; an auditor may not hold (403)', async () => {
    await start({});
    const slot = await publish();
    for (const [caller, status] of [
      [outsider, 404],
      [{ org: 'A81001', role: 'auditor' }, 403],
    ] as const) {
      expect((await hold(caller, slot.id)).statusCode).toBe(status);
    }
    expect((await hold(hub, 'no-such-slot')).json()).toMatchObject({ status: 404, code: 'slot_not_found' });
    const embargoed = await publish({ visibleFrom: '2099-01-01T00:00:00Z' });
    expect((await hold(hub, embargoed.id)).statusCode).toBe(404);
  });

  it('429 with Retry-After once the organisation holds HOLD_LIMIT_PER_ORG places; other organisations are not limited by it', async () => {
    await start({ holdLimitPerOrg: 2, holdTtlSeconds: 60 });
    const slots = [await publish(), await publish(), await publish(), await publish()];
    const answers = await Promise.all(slots.slice(0, 3).map((slot) => hold(hub, slot.id)));
    expect(answers.map((a) => a.statusCode).sort()).toEqual([201, 201, 429]);
    const limited = answers.find((a) => a.statusCode === 429)!;
    expect(limited.headers['content-type']).toContain('application/problem+json');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(60);
    expect((await hold(otherHub, slots[3].id)).statusCode).toBe(201);
  });

  it('the same Idempotency-Key answers with the same hold, counted once, even at the limit', async () => {
    await start({ holdLimitPerOrg: 1 });
    const slot = await publish({ capacity: 3 });
    const first = await hold(hub, slot.id, { 'idempotency-key': 'k1' });
    const again = await hold(hub, slot.id, { 'idempotency-key': 'k1' });
    expect(again.statusCode).toBe(201);
    expect(again.json()).toEqual(first.json());
    expect(await view(slot.id)).toMatchObject({ held: 1, remaining: 2 });
    expect((await hold(hub, slot.id, { 'idempotency-key': 'k2' })).statusCode).toBe(429);
  });

  it('an expired hold frees its place by itself, and its expiry is recorded', async () => {
    await start({ holdTtlSeconds: 1 });
    const slot = await publish();
    expect((await hold(hub, slot.id)).statusCode).toBe(201);
    expect((await hold(otherHub, slot.id)).statusCode).toBe(409);
    await eventually(() => types(slot.id), (t) => t.includes('SlotHoldExpired'), 5000, 50);
    expect(await view(slot.id)).toMatchObject({ held: 0, remaining: 1, status: 'free' });
    expect((await hold(otherHub, slot.id)).statusCode).toBe(201);
  });

  it('a hold survives a restart on the same DATA_DIR, keeping its place and counting to the limit', async () => {
    await start({ holdTtlSeconds: 60, holdLimitPerOrg: 1 });
    const [slot, other] = [await publish(), await publish()];
    const receipt = (await hold(hub, slot.id)).json();

    await restart({ holdTtlSeconds: 60, holdLimitPerOrg: 1 });
    expect(await view(slot.id)).toMatchObject({ held: 1, remaining: 0, status: 'full' });
    expect((await hold(otherHub, slot.id)).statusCode).toBe(409);
    expect((await hold(hub, other.id)).statusCode).toBe(429);
    // The holder's reservation still takes the held place.
    await service!.requestReservation({ bookingId: 'b1', reservationId: 'r1', slotId: slot.id, holdId: receipt.holdId, requester: { organisation: 'Y00001', organisationType: 'gp-hub', federations: ['F1'] } });
    expect(await types(slot.id)).toEqual(['SlotPublished', 'SlotHeld', 'SlotReserved']);
    expect(await view(slot.id)).toMatchObject({ booked: 1, held: 0, remaining: 0 });
    expect((await hold(hub, other.id)).statusCode).toBe(201);
  });

  it('a hold that ran out while the service was down is recorded as expired after the restart', async () => {
    await start({ holdTtlSeconds: 1 });
    const slot = await publish();
    expect((await hold(hub, slot.id)).statusCode).toBe(201);
    await service!.close();
    service = undefined;
    await new Promise((resolve) => setTimeout(resolve, 1200));
    // Nothing recorded the expiry while the service was down.
    const store = new SqliteEventStore(join(dataDir, 'slot-service', 'events.sqlite'));
    expect((await store.readStream(`slot-${slot.id}`)).map((e) => e.type)).toEqual(['SlotPublished', 'SlotHeld']);
    await store.close();

    await start({ holdTtlSeconds: 1 });
    await eventually(() => types(slot.id), (t) => t.includes('SlotHoldExpired'), 5000, 50);
    expect(await types(slot.id)).toEqual(['SlotPublished', 'SlotHeld', 'SlotHoldExpired']);
    expect((await hold(otherHub, slot.id)).statusCode).toBe(201);
  });
});
