import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Database } from '@app/eventstore/sqlite/driver';
import { systemActor } from '@app/contracts';
import { SqliteEventStore } from '@app/eventstore';
import { SqliteSetAsideStore } from '@app/messaging';
import { MongoDocumentStore } from '@app/readmodel';
import { ProjectionRunner } from '@app/service-kit';
import type { SlotEvent } from '../domain/slot.events';
import { slotProjections } from './slot-projections';

const url = process.env.MONGODB_URL;
if (!url) console.warn('two projection runners on MongoDB SKIPPED: set MONGODB_URL (e.g. mongodb://127.0.0.1:27017) to run it against a real server');

jest.setTimeout(60_000);

/** 30 slots, each published, held twice, reserved from a hold, released, a hold expired, some withdrawn: streams interleaved. */
function story(): { streamId: string; event: SlotEvent }[] {
  const requester = { organisation: 'Y00001', organisationType: 'gp-hub', federations: [] };
  const steps: { streamId: string; event: SlotEvent }[][] = [];
  for (let n = 0; n < 30; n++) {
    const slotId = `slot-${n}`;
    const details = { slotId, organisation: 'A81001', serviceType: 'phlebotomy', deliveryChannel: 'in-person', start: `2030-01-01T${String(n % 24).padStart(2, '0')}:00:00.000Z`, end: `2030-01-01T${String(n % 24).padStart(2, '0')}:10:00.000Z` };
    const events: SlotEvent[] = [
      { type: 'SlotPublished', data: { ...details, capacity: 2 } },
      { type: 'SlotHeld', data: { slotId, holdId: `h${n}a`, organisation: 'Y00001', expiresAt: '2030-01-01T00:05:00.000Z' } },
      { type: 'SlotHeld', data: { slotId, holdId: `h${n}b`, organisation: 'Y00001', expiresAt: '2030-01-01T00:05:00.000Z' } },
      { type: 'SlotReserved', data: { ...details, reservationId: `r${n}`, bookingId: `b${n}`, requester, holdId: `h${n}a` } },
      { type: 'SlotReleased', data: { slotId, reservationId: `r${n}`, bookingId: `b${n}`, reason: 'cancelled' } },
      n % 3 === 0 ? { type: 'SlotWithdrawn', data: { slotId } } : { type: 'SlotHoldExpired', data: { slotId, holdId: `h${n}b`, organisation: 'Y00001' } },
    ];
    steps.push(events.map((event) => ({ streamId: `slot-${slotId}`, event })));
  }
  const interleaved: { streamId: string; event: SlotEvent }[] = [];
  for (let i = 0; i < 6; i++) for (const events of steps) interleaved.push(events[i]);
  return interleaved;
}

(url ? describe : describe.skip)('the slot read model fed by two runners at once (real SQLite store, real MongoDB)', () => {
  let dir: string;
  let store: SqliteEventStore;
  let state: Database;
  const databases: MongoDocumentStore[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'slot-runners-'));
    store = new SqliteEventStore(join(dir, 'events.sqlite'));
    state = new Database(join(dir, 'state.sqlite'));
    for (const [index, { streamId, event }] of story().entries()) {
      const id = `e${index}`;
      await store.append(streamId, [{ id, ...event, version: 1, correlationId: id, causationId: id, actor: systemActor('test'), occurredAt: '2030-01-01T00:00:00.000Z' }], 'any');
    }
  });
  afterAll(async () => {
    for (const documents of databases) {
      await documents.dropDatabase();
      await documents.close();
    }
    await store.close();
    state.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const database = async () => {
    const documents = await MongoDocumentStore.connect(url!, `slot_runners_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`);
    databases.push(documents);
    return documents;
  };
  const runner = (documents: MongoDocumentStore, pageSize: number) =>
    new ProjectionRunner('slot-service', store, slotProjections().map((build) => build(documents)), { setAside: new SqliteSetAsideStore(state), pageSize });
  /** Every stored document as MongoDB holds it, store fields (the position) included. */
  const contents = async (documents: MongoDocumentStore) => ({
    slots: await documents.db.collection('slots').find().sort({ _id: 1 }).toArray(),
    holds: await documents.db.collection('slot-holds').find().sort({ _id: 1 }).toArray(),
  });

  it('ends identical to one runner alone, and a redelivery of everything changes nothing', async () => {
    const alone = await database();
    await runner(alone, 1000).catchUp();
    const expected = await contents(alone);
    expect(expected.slots).toHaveLength(30);
    expect(expected.slots.filter((slot) => slot.withdrawn)).toHaveLength(10);
    expect(expected.holds).toEqual(expect.arrayContaining([expect.objectContaining({ _id: 'h1b', _deleted: true })]));

    const shared = await database();
    // Different page sizes, so the two runners interleave their writes differently page by page.
    await Promise.all([runner(shared, 7).catchUp(), runner(shared, 13).catchUp()]);
    expect(await contents(shared)).toEqual(expected);

    await runner(shared, 50).catchUp();
    expect(await contents(shared)).toEqual(expected);
  });
});
