import { MemoryDocumentStore } from './memory-document-store';
import { describeDocumentStoreContract } from './testing/document-store.contract';

describeDocumentStoreContract('memory', () => new MemoryDocumentStore());

describe('MemoryDocumentStore at scale', () => {
  interface Slot {
    id: string;
    organisation: string;
    start: string;
    status: string;
  }

  it('answers equality + range queries over 100k documents quickly when the equality field is indexed', async () => {
    const store = new MemoryDocumentStore();
    const slots = store.collection<Slot>('slots', [['organisation', 'start']]);
    const base = Date.UTC(2030, 0, 1);
    for (let i = 0; i < 100_000; i++) {
      await slots.put({
        id: `s${i}`,
        organisation: `org-${i % 200}`, // 500 slots per organisation
        start: new Date(base + Math.floor(i / 200) * 15 * 60_000).toISOString(),
        status: i % 7 === 0 ? 'booked' : 'free',
      });
    }

    const window = { $gte: new Date(base).toISOString(), $lt: new Date(base + 24 * 3600_000).toISOString() };
    const t0 = performance.now();
    let found: Slot[] = [];
    for (let q = 0; q < 200; q++) {
      found = await slots.find({ organisation: `org-${q}`, start: window, status: 'free' }, { sort: { start: 1 }, limit: 20 });
    }
    const perQueryMs = (performance.now() - t0) / 200;

    expect(found).toHaveLength(20);
    expect(found.every((s) => s.organisation === 'org-199' && s.status === 'free')).toBe(true);
    expect(found.map((s) => s.start)).toEqual([...found.map((s) => s.start)].sort());
    // A full scan of 100k documents through mingo takes tens of ms; a bucket of 500 well under one.
    expect(perQueryMs).toBeLessThan(10);
    await store.close();
  }, 60_000);
});

describe('MemoryDocumentStore without copies', () => {
  it('keeps the documents as given and hands out the stored objects', async () => {
    const docs = new MemoryDocumentStore({ copies: false }).collection<{ id: string; status: string }>('slots', [['status']]);
    const doc = { id: 's1', status: 'free' };
    await docs.putIfNewer(doc, '1');
    expect(await docs.get('s1')).toBe(doc);
    expect(await docs.find({ status: 'free' })).toEqual([doc]);
    expect((await docs.find({ status: 'free' }))[0]).toBe(doc);
  });
});
