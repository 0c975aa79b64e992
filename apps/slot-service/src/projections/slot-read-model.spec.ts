import { systemActor } from '@app/contracts';
import type { RecordedEvent } from '@app/eventstore';
import { DocumentStore, MemoryDocumentStore, MongoDocumentStore } from '@app/readmodel';
import { collectPage, decodeCursor, searchFilter, searchOrder } from '../application/slot-search';
import type { SlotEvent } from '../domain/slot.events';
import { availabilityAt } from './slot-availability';
import { SlotViewProjection, holdDeadlines, slotViews } from './slot-view.projection';

const url = process.env.MONGODB_URL;
if (!url) console.warn('slot read model on MongoDB SKIPPED: set MONGODB_URL (e.g. mongodb://127.0.0.1:27017) to run it against a real server');

jest.setTimeout(30_000);

let global = 0;
const positions = new Map<string, number>();
/** A recorded event of slot `slotId`'s stream, numbered as the store would. */
function recorded(slotId: string, event: SlotEvent): RecordedEvent {
  const streamPosition = positions.get(slotId) ?? 0;
  positions.set(slotId, streamPosition + 1);
  return {
    id: `${slotId}-${streamPosition}`,
    type: event.type,
    version: 1,
    data: event.data,
    streamId: `slot-${slotId}`,
    streamPosition,
    globalPosition: String(++global),
    correlationId: 'c',
    causationId: 'c',
    actor: systemActor('test'),
    occurredAt: new Date().toISOString(),
  };
}

const slot = (slotId: string, start: string, more: object = {}): SlotEvent => ({
  type: 'SlotPublished',
  data: { slotId, organisation: 'A81001', serviceType: 'phlebotomy', deliveryChannel: 'in-person', start, end: start.replace(':00:00.', ':10:00.'), capacity: 1, ...more },
});

const adapters: [string, () => Promise<DocumentStore>, boolean][] = [
  ['memory', async () => new MemoryDocumentStore(), false],
  ['mongo', () => MongoDocumentStore.connect(url!, `slot_read_model_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`, { serverSelectionTimeoutMS: 10_000 }), !url],
];

describe.each(adapters)('slot read model on %s', (_name, open, skip) => {
  const run = skip ? it.skip : it;
  let documents: DocumentStore;
  beforeEach(async () => (documents = await open()));
  afterEach(async () => {
    if (documents instanceof MongoDocumentStore) await documents.dropDatabase();
    await documents.close();
  });

  run('searches open slots by filters, in start-then-id order, page by page, and skips replayed events', async () => {
    const slots = slotViews(documents);
    const projection = new SlotViewProjection(slots, holdDeadlines(documents));
    const events = [
      recorded('b', slot('b', '2030-01-02T09:00:00.000Z', { bookableBy: { federations: ['F1', 'F2'] } })),
      recorded('a', slot('a', '2030-01-02T09:00:00.000Z', { bookableBy: { federations: ['F2'] } })),
      recorded('c', slot('c', '2030-01-01T09:00:00.000Z', { bookableBy: { federations: ['F1'] } })),
      recorded('d', slot('d', '2030-01-03T09:00:00.000Z', { organisation: 'B82002' })),
      recorded('e', slot('e', '2030-01-04T09:00:00.000Z')),
    ];
    events.push(recorded('e', { type: 'SlotWithdrawn', data: { slotId: 'e' } }));
    for (const event of [...events, ...events]) await projection.apply(event);

    const ids = async (search: Parameters<typeof searchFilter>[0]) => {
      const after = search.cursor ? decodeCursor(search.cursor) : undefined;
      const page = await collectPage((from, size) => slots.find(searchFilter(search, from), { sort: searchOrder, limit: size }), () => true, search.limit, after);
      return { ids: page.items.map((v) => v.id), next: page.next };
    };
    const window = { start: '2030-01-01T00:00:00.000Z', end: '2030-01-10T00:00:00.000Z' };
    expect(await ids({ ...window, limit: 10 })).toEqual({ ids: ['c', 'a', 'b', 'd'], next: undefined });
    const first = await ids({ ...window, limit: 2 });
    expect(first.ids).toEqual(['c', 'a']);
    expect(await ids({ ...window, limit: 2, cursor: first.next })).toEqual({ ids: ['b', 'd'], next: undefined });
    expect((await ids({ ...window, limit: 10, federation: 'F1' })).ids).toEqual(['c', 'b']);
    expect((await ids({ ...window, limit: 10, organisations: ['B82002'] })).ids).toEqual(['d']);
    expect((await ids({ ...window, limit: 10, organisations: ['A81001', 'B82002'], federation: 'F2' })).ids).toEqual(['a', 'b']);
  });

  run('keeps holds as deadlines per organisation and counts reservations, holds and releases into what is left', async () => {
    const slots = slotViews(documents);
    const holds = holdDeadlines(documents);
    const projection = new SlotViewProjection(slots, holds);
    const soon = new Date(Date.now() + 60_000).toISOString();
    const requester = { organisation: 'Y00001', organisationType: 'gp-hub', federations: [] };
    const details = { slotId: 's', organisation: 'A81001', serviceType: 'phlebotomy', deliveryChannel: 'in-person', start: '2030-01-01T09:00:00.000Z', end: '2030-01-01T09:10:00.000Z' };
    const events = [
      recorded('s', slot('s', '2030-01-01T09:00:00.000Z', { capacity: 3 })),
      recorded('s', { type: 'SlotHeld', data: { slotId: 's', holdId: 'h1', organisation: 'Y00001', expiresAt: soon } }),
      recorded('s', { type: 'SlotHeld', data: { slotId: 's', holdId: 'h2', organisation: 'Y00001', expiresAt: soon } }),
      recorded('s', { type: 'SlotReserved', data: { ...details, reservationId: 'r1', bookingId: 'b1', requester, holdId: 'h1' } }),
      recorded('s', { type: 'SlotReserved', data: { ...details, reservationId: 'r2', bookingId: 'b2', requester } }),
    ];
    for (const event of events) await projection.apply(event);
    const now = new Date();
    expect((await holds.find({ organisation: 'Y00001', due: { $gt: now.toISOString() } })).map((h) => h.id)).toEqual(['h2']);
    expect(availabilityAt((await slots.get('s'))!, now)).toEqual({ held: 1, remaining: 0, status: 'full' });
    expect((await slots.get('s'))!.open).toBe(true);

    await projection.apply(recorded('s', { type: 'SlotHoldExpired', data: { slotId: 's', holdId: 'h2', organisation: 'Y00001' } }));
    await projection.apply(recorded('s', { type: 'SlotReleased', data: { slotId: 's', reservationId: 'r2', bookingId: 'b2', reason: 'cancelled' } }));
    expect(await holds.find({ organisation: 'Y00001' })).toEqual([]);
    expect(availabilityAt((await slots.get('s'))!, now)).toEqual({ held: 0, remaining: 2, status: 'free' });
  });
});
