import { randomUUID } from 'node:crypto';
import { MongoClient, MongoServerError, type Db } from 'mongodb';
import { MongoCheckpointStore, MongoProcessedMessageStore } from './mongo-state-stores';

const url = process.env.MONGODB_URL;
if (!url) {
  console.warn('Mongo state stores tests SKIPPED: set MONGODB_URL (e.g. mongodb://127.0.0.1:27017) to run them against a real server');
}

describe('MongoProcessedMessageStore (no server needed)', () => {
  const failingDb = (error: Error): Db =>
    ({ collection: () => ({ insertOne: () => Promise.reject(error) }) }) as unknown as Db;

  it('treats a duplicate key error (11000) on add as "already there"', async () => {
    const store = new MongoProcessedMessageStore(failingDb(new MongoServerError({ message: 'E11000 duplicate key', code: 11000 })));
    await expect(store.add('c', 'm')).resolves.toBeUndefined();
  });

  it('passes any other error on', async () => {
    const store = new MongoProcessedMessageStore(failingDb(new MongoServerError({ message: 'not primary', code: 10107 })));
    await expect(store.add('c', 'm')).rejects.toThrow('not primary');
  });
});

(url ? describe : describe.skip)('Mongo state stores (real server, FerretDB v1 compatible)', () => {
  let client: MongoClient;
  let db: Db;

  beforeAll(async () => {
    client = new MongoClient(url!, { serverSelectionTimeoutMS: 5000 });
    await client.connect();
    db = client.db(`messaging_state_${Date.now().toString(36)}_${randomUUID().slice(0, 8)}`);
  });
  afterAll(async () => {
    await db?.dropDatabase().catch(() => undefined);
    await client?.close();
  });

  it('checkpoints: unknown is undefined, save overwrites, one document per name', async () => {
    const store = new MongoCheckpointStore(db);
    expect(await store.load('relay:slot')).toBeUndefined();
    await store.save('relay:slot', '10');
    await store.save('relay:slot', '42');
    await store.save('projection:registry', '7');
    expect(await store.load('relay:slot')).toBe('42');
    expect(await new MongoCheckpointStore(db).load('projection:registry')).toBe('7');
    const docs = await db.collection('checkpoints').find({}).sort({ _id: 1 }).toArray();
    expect(docs.map((d) => [d._id, d.position])).toEqual([
      ['projection:registry', '7'],
      ['relay:slot', '42'],
    ]);
  });

  it('processed messages: per consumer, adding twice is harmless, _id is consumer:id', async () => {
    const store = new MongoProcessedMessageStore(db);
    expect(await store.has('booking-saga', 'm-1')).toBe(false);
    await store.add('booking-saga', 'm-1');
    await store.add('booking-saga', 'm-1');
    await Promise.all([store.add('booking-saga', 'm-2'), store.add('booking-saga', 'm-2')]);
    expect(await store.has('booking-saga', 'm-1')).toBe(true);
    expect(await store.has('booking-saga', 'm-2')).toBe(true);
    expect(await store.has('registry-projection', 'm-1')).toBe(false);
    const doc = await db.collection('processed_messages').findOne({ _id: 'booking-saga:m-1' as never });
    expect(doc).toMatchObject({ consumer: 'booking-saga', messageId: 'm-1' });
  });
});
