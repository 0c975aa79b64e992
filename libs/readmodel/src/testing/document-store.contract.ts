import type { DocumentStore } from '../document-store.port';

/**
 * The behaviour every DocumentStore adapter must share, so projection code can run on memory or MongoDB unchanged.
 * One store per suite; every test works on its own, freshly named collection.
 */
export interface DocumentStoreContractOptions<S extends DocumentStore> {
  /** Run before `store.close()` at the end of the suite, e.g. to drop a test database. */
  teardown?: (store: S) => Promise<void>;
  /** Skip the whole suite (e.g. no server configured). */
  skip?: boolean;
  /**
   * Whether a conditional write is atomic against a concurrent one (MongoDB, memory: yes; FerretDB v1: no, it
   * finds then replaces). Default yes.
   */
  atomicConditionalWrites?: (store: S) => Promise<boolean>;
}

interface Slot {
  id: string;
  organisation: string;
  start: string; // ISO-8601 instant
  status: 'free' | 'held' | 'booked' | 'cancelled';
  capacity: number;
  patient?: { nhsNumber: string; name: string };
  tags?: string[];
  notes?: string | null;
}

const slot = (id: string, over: Partial<Slot> = {}): Slot => ({
  id,
  organisation: 'org-a',
  start: '2030-01-01T09:00:00.000Z',
  status: 'free',
  capacity: 1,
  ...over,
});

const ids = (docs: { id: string }[]): string[] => docs.map((d) => d.id);
const sortedIds = (docs: { id: string }[]): string[] => ids(docs).sort();

export function describeDocumentStoreContract<S extends DocumentStore>(
  name: string,
  factory: () => S | Promise<S>,
  options: DocumentStoreContractOptions<S> = {},
): void {
  (options.skip ? describe.skip : describe)(`DocumentStore contract: ${name}`, () => {
    // Unique per run (and per suite), so runs sharing a server never see each other's collections.
    const runId = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
    let counter = 0;
    let store: S;

    const freshName = (): string => `rm_contract_${runId}_${++counter}`;
    const fresh = (indexes?: string[][]) => store.collection<Slot>(freshName(), indexes);

    beforeAll(async () => {
      store = await factory();
    });

    afterAll(async () => {
      if (!store) return;
      try {
        await options.teardown?.(store);
      } finally {
        await store.close();
      }
    });

    describe('put / get / delete', () => {
      it('gets back what was put, with id and nothing extra', async () => {
        const c = fresh();
        const doc = slot('s1', {
          patient: { nhsNumber: '9434765919', name: 'Ada' },
          tags: ['gp', 'morning'],
          notes: null,
          capacity: 3,
        });
        await c.put(doc);
        const got = await c.get('s1');
        expect(got).toEqual(doc);
        expect(Object.keys(got as object).sort()).toEqual(Object.keys(doc).sort()); // e.g. no `_id` leaking
      });

      it('returns undefined for a missing id', async () => {
        const c = fresh();
        await expect(c.get('nope')).resolves.toBeUndefined();
        await c.put(slot('s1'));
        await expect(c.get('nope')).resolves.toBeUndefined();
      });

      it('put with an existing id replaces the whole document', async () => {
        const c = fresh();
        await c.put(slot('s1', { status: 'held', patient: { nhsNumber: '1', name: 'A' } }));
        await c.put(slot('s1', { status: 'booked' }));
        const got = await c.get('s1');
        expect(got).toEqual(slot('s1', { status: 'booked' }));
        expect(got).not.toHaveProperty('patient');
        expect(await c.find({})).toHaveLength(1);
      });

      it('delete removes the document; deleting a missing id is a no-op', async () => {
        const c = fresh();
        await c.put(slot('s1'));
        await c.put(slot('s2'));
        await c.delete('s1');
        await c.delete('s1');
        await c.delete('never-there');
        await expect(c.get('s1')).resolves.toBeUndefined();
        expect(ids(await c.find({}))).toEqual(['s2']);
      });

      it('collections are isolated by name, and handles with the same name share data', async () => {
        const name = freshName();
        const a = store.collection<Slot>(name);
        const other = fresh();
        await a.put(slot('s1'));
        const again = store.collection<Slot>(name, [['organisation', 'start']]);
        await expect(again.get('s1')).resolves.toEqual(slot('s1'));
        await expect(other.get('s1')).resolves.toBeUndefined();
        expect(await other.find({})).toEqual([]);
      });
    });

    describe('conditional writes by position', () => {
      it('putIfNewer writes a document at a later position and ignores one at the same or an earlier position', async () => {
        const c = fresh();
        await expect(c.putIfNewer(slot('s1', { status: 'held' }), '5')).resolves.toBe(true);
        await expect(c.putIfNewer(slot('s1', { status: 'booked' }), '9')).resolves.toBe(true);
        await expect(c.putIfNewer(slot('s1', { status: 'held' }), '7')).resolves.toBe(false); // a redelivery
        await expect(c.putIfNewer(slot('s1', { status: 'cancelled' }), '9')).resolves.toBe(false);
        expect(await c.get('s1')).toEqual(slot('s1', { status: 'booked' }));
        expect(await c.find({ id: 's1' })).toEqual([slot('s1', { status: 'booked' })]); // no store fields
      });

      it('compares positions as numbers, part by part (SQLite integers, KurrentDB commit:prepare)', async () => {
        const c = fresh();
        await c.putIfNewer(slot('s1', { capacity: 10 }), '10');
        await expect(c.putIfNewer(slot('s1', { capacity: 9 }), '9')).resolves.toBe(false);
        await c.putIfNewer(slot('k1', { capacity: 1 }), '1200:1100');
        await expect(c.putIfNewer(slot('k1', { capacity: 2 }), '900:800')).resolves.toBe(false);
        await expect(c.putIfNewer(slot('k1', { capacity: 3 }), '1200:1150')).resolves.toBe(true);
        expect((await c.get('s1'))?.capacity).toBe(10);
        expect((await c.get('k1'))?.capacity).toBe(3);
      });

      it('deleteIfNewer leaves a trace that keeps an older write from bringing the document back', async () => {
        const c = fresh();
        await c.putIfNewer(slot('s1'), '3');
        await expect(c.deleteIfNewer('s1', '2')).resolves.toBe(false);
        expect(await c.get('s1')).toEqual(slot('s1'));
        await expect(c.deleteIfNewer('s1', '8')).resolves.toBe(true);
        await expect(c.putIfNewer(slot('s1'), '3')).resolves.toBe(false); // replayed from before the delete
        expect(await c.get('s1')).toBeUndefined();
        expect(await c.find({})).toEqual([]);
        expect(await c.find({ status: { $ne: 'booked' } })).toEqual([]);
        await expect(c.putIfNewer(slot('s1', { status: 'booked' }), '12')).resolves.toBe(true);
        expect(await c.find({})).toEqual([slot('s1', { status: 'booked' })]);
      });

      it('a plain put or delete forgets the position', async () => {
        const c = fresh();
        await c.putIfNewer(slot('s1'), '8');
        await c.put(slot('s1', { status: 'held' }));
        await expect(c.putIfNewer(slot('s1', { status: 'booked' }), '2')).resolves.toBe(true);
        await c.deleteIfNewer('s1', '9');
        await c.delete('s1');
        await expect(c.putIfNewer(slot('s1', { status: 'cancelled' }), '1')).resolves.toBe(true);
        expect(await c.get('s1')).toEqual(slot('s1', { status: 'cancelled' }));
      });

      it('concurrent writers of one new document end with the latest position, whatever the order', async () => {
        const c = fresh();
        const order = [4, 1, 7, 3, 6, 2, 5];
        const applied = await Promise.all(order.map((n) => c.putIfNewer(slot('s1', { capacity: n }), String(n))));
        expect(applied.filter(Boolean).length).toBeGreaterThanOrEqual(1);
        if (!(await (options.atomicConditionalWrites?.(store) ?? true))) {
          // Not atomic: an older write may land last; the next redelivery of the newer one puts it right.
          for (const n of order) await c.putIfNewer(slot('s1', { capacity: n }), String(n));
        }
        expect((await c.get('s1'))?.capacity).toBe(7);
      });
    });

    describe('stored documents are isolated from callers', () => {
      it('mutating the object after put does not change the stored document', async () => {
        const c = fresh();
        const doc = slot('s1', { patient: { nhsNumber: '1', name: 'A' }, tags: ['x'] });
        await c.put(doc);
        doc.status = 'cancelled';
        doc.patient!.name = 'changed';
        doc.tags!.push('y');
        expect(await c.get('s1')).toEqual(slot('s1', { patient: { nhsNumber: '1', name: 'A' }, tags: ['x'] }));
        expect(await c.find({ status: 'cancelled' })).toEqual([]);
      });

      it('mutating results of get/find does not change the stored document', async () => {
        const c = fresh();
        await c.put(slot('s1', { patient: { nhsNumber: '1', name: 'A' } }));
        const got = (await c.get('s1'))!;
        got.status = 'booked';
        got.patient!.name = 'changed';
        const [found] = await c.find({ id: 's1' });
        found.capacity = 99;
        expect(await c.get('s1')).toEqual(slot('s1', { patient: { nhsNumber: '1', name: 'A' } }));
      });
    });

    describe('find', () => {
      // 6 slots over two organisations and two days; starts are distinct so sorts are fully determined.
      const fixture: Slot[] = [
        slot('a1', { organisation: 'org-a', start: '2030-01-01T09:00:00.000Z', status: 'free', capacity: 1 }),
        slot('a2', { organisation: 'org-a', start: '2030-01-01T09:30:00.000Z', status: 'booked', capacity: 2,
          patient: { nhsNumber: '9434765919', name: 'Ada' } }),
        slot('a3', { organisation: 'org-a', start: '2030-01-02T00:00:00.000Z', status: 'held', capacity: 3, tags: ['gp'] }),
        slot('b1', { organisation: 'org-b', start: '2030-01-01T08:00:00.000Z', status: 'free', capacity: 4,
          tags: ['gp', 'nurse'] }),
        slot('b2', { organisation: 'org-b', start: '2030-01-01T23:59:59.999Z', status: 'cancelled', capacity: 5,
          patient: { nhsNumber: '4010232137', name: 'Bo' } }),
        slot('c1', { organisation: 'org-c', start: '2030-01-03T10:00:00.000Z', status: 'free', capacity: 6 }),
      ];
      const seeded = async (indexes?: string[][]) => {
        const c = fresh(indexes);
        for (const doc of fixture) await c.put(doc);
        return c;
      };

      // Every query runs with and without declared indexes: an index may only make a query faster, never change it.
      describe.each([
        ['without indexes', undefined],
        ['with indexes', [['organisation', 'start'], ['status'], ['patient.nhsNumber'], ['tags']]],
      ] as const)('%s', (_label, indexes) => {
        const idx = indexes as string[][] | undefined;

        it('an empty filter returns everything', async () => {
          const c = await seeded(idx);
          expect(sortedIds(await c.find({}))).toEqual(['a1', 'a2', 'a3', 'b1', 'b2', 'c1']);
        });

        it('by equality, on one or several fields', async () => {
          const c = await seeded(idx);
          expect(sortedIds(await c.find({ organisation: 'org-b' }))).toEqual(['b1', 'b2']);
          expect(sortedIds(await c.find({ organisation: 'org-a', status: 'free' }))).toEqual(['a1']);
          expect(await c.find({ organisation: 'org-z' })).toEqual([]);
          expect(sortedIds(await c.find({ capacity: 3 }))).toEqual(['a3']);
          expect(await c.find({ capacity: '3' })).toEqual([]); // no type coercion
        });

        it('by id', async () => {
          const c = await seeded(idx);
          expect(await c.find({ id: 'b2' })).toEqual([fixture[4]]);
          expect(sortedIds(await c.find({ id: { $in: ['a1', 'c1', 'zz'] } }))).toEqual(['a1', 'c1']);
          expect(await c.find({ id: 'b2', organisation: 'org-a' })).toEqual([]);
        });

        it('returns whole documents without store-internal fields', async () => {
          const c = await seeded(idx);
          const found = await c.find({ organisation: 'org-a' }, { sort: { start: 1 } });
          expect(found).toEqual(fixture.slice(0, 3));
          for (const doc of found) expect(doc).not.toHaveProperty('_id');
        });

        it('by $in', async () => {
          const c = await seeded(idx);
          expect(sortedIds(await c.find({ status: { $in: ['held', 'booked'] } }))).toEqual(['a2', 'a3']);
          expect(sortedIds(await c.find({ organisation: { $in: ['org-c', 'org-b'] }, status: 'free' }))).toEqual([
            'b1',
            'c1',
          ]);
          expect(await c.find({ status: { $in: [] } })).toEqual([]);
        });

        it('by a half-open range on ISO date strings ($gte/$lt)', async () => {
          const c = await seeded(idx);
          const day1 = { $gte: '2030-01-01T00:00:00.000Z', $lt: '2030-01-02T00:00:00.000Z' };
          expect(sortedIds(await c.find({ start: day1 }))).toEqual(['a1', 'a2', 'b1', 'b2']);
          expect(sortedIds(await c.find({ organisation: 'org-a', start: day1 }))).toEqual(['a1', 'a2']);
          // the lower bound is inclusive, the upper exclusive
          expect(sortedIds(await c.find({ start: { $gte: '2030-01-02T00:00:00.000Z' } }))).toEqual(['a3', 'c1']);
          expect(sortedIds(await c.find({ start: { $lt: '2030-01-01T09:00:00.000Z' } }))).toEqual(['b1']);
        });

        it('by $gt/$lte on numbers', async () => {
          const c = await seeded(idx);
          expect(sortedIds(await c.find({ capacity: { $gt: 2, $lte: 4 } }))).toEqual(['a3', 'b1']);
        });

        it('by $ne (which also matches documents without the field)', async () => {
          const c = await seeded(idx);
          expect(sortedIds(await c.find({ status: { $ne: 'free' } }))).toEqual(['a2', 'a3', 'b2']);
          expect(sortedIds(await c.find({ organisation: 'org-a', status: { $ne: 'booked' } }))).toEqual(['a1', 'a3']);
          expect(sortedIds(await c.find({ 'patient.nhsNumber': { $ne: '9434765919' } }))).toEqual([
            'a1',
            'a3',
            'b1',
            'b2',
            'c1',
          ]);
        });

        it('by equality on a nested field', async () => {
          const c = await seeded(idx);
          expect(await c.find({ 'patient.nhsNumber': '9434765919' })).toEqual([fixture[1]]);
          expect(ids(await c.find({ 'patient.nhsNumber': '4010232137', organisation: 'org-b' }))).toEqual(['b2']);
          expect(await c.find({ 'patient.nhsNumber': '0000000000' })).toEqual([]);
        });

        it('by equality on an array field (matches any element)', async () => {
          const c = await seeded(idx);
          expect(sortedIds(await c.find({ tags: 'gp' }))).toEqual(['a3', 'b1']);
          expect(ids(await c.find({ tags: 'nurse' }))).toEqual(['b1']);
        });

        it('sorts ascending and descending', async () => {
          const c = await seeded(idx);
          expect(ids(await c.find({}, { sort: { start: 1 } }))).toEqual(['b1', 'a1', 'a2', 'b2', 'a3', 'c1']);
          expect(ids(await c.find({}, { sort: { start: -1 } }))).toEqual(['c1', 'a3', 'b2', 'a2', 'a1', 'b1']);
          expect(ids(await c.find({ organisation: 'org-a' }, { sort: { capacity: -1 } }))).toEqual(['a3', 'a2', 'a1']);
          expect(ids(await c.find({}, { sort: { id: -1 } }))).toEqual(['c1', 'b2', 'b1', 'a3', 'a2', 'a1']);
        });

        it('sorts on several keys in order', async () => {
          const c = await seeded(idx);
          expect(ids(await c.find({ status: { $ne: 'cancelled' } }, { sort: { organisation: -1, start: 1 } }))).toEqual([
            'c1',
            'b1',
            'a1',
            'a2',
            'a3',
          ]);
        });

        it('limits, after filtering and sorting', async () => {
          const c = await seeded(idx);
          expect(ids(await c.find({}, { sort: { start: 1 }, limit: 2 }))).toEqual(['b1', 'a1']);
          expect(ids(await c.find({ organisation: 'org-a' }, { sort: { start: -1 }, limit: 1 }))).toEqual(['a3']);
          expect(await c.find({ organisation: 'org-b' }, { limit: 10 })).toHaveLength(2);
          expect(await c.find({}, { limit: 3 })).toHaveLength(3);
        });

        it('the typical slot query: organisation + time window, sorted, limited', async () => {
          const c = await seeded(idx);
          const found = await c.find(
            { organisation: 'org-a', start: { $gte: '2030-01-01T09:00:00.000Z', $lt: '2030-01-03T00:00:00.000Z' }, status: { $in: ['free', 'held'] } },
            { sort: { start: 1 }, limit: 5 },
          );
          expect(ids(found)).toEqual(['a1', 'a3']);
        });

        it('sees replacements and deletions (an indexed field may change value)', async () => {
          const c = await seeded(idx);
          await c.put({ ...fixture[0], organisation: 'org-b', status: 'booked', tags: ['nurse'] });
          await c.put({ ...fixture[3], tags: undefined, patient: { nhsNumber: '9434765919', name: 'Ada' } });
          await c.delete('b2');
          expect(sortedIds(await c.find({ organisation: 'org-a' }))).toEqual(['a2', 'a3']);
          expect(sortedIds(await c.find({ organisation: 'org-b' }))).toEqual(['a1', 'b1']);
          expect(sortedIds(await c.find({ status: 'free' }))).toEqual(['b1', 'c1']);
          expect(sortedIds(await c.find({ status: { $in: ['booked', 'cancelled'] } }))).toEqual(['a1', 'a2']);
          expect(sortedIds(await c.find({ 'patient.nhsNumber': '9434765919' }))).toEqual(['a2', 'b1']);
          expect(sortedIds(await c.find({ tags: 'nurse' }))).toEqual(['a1']);
          expect(sortedIds(await c.find({ tags: 'gp' }))).toEqual(['a3']);
          expect(await c.find({ 'patient.nhsNumber': '4010232137' })).toEqual([]);
        });
      });
    });
  });
}
