import {
  MongoClient,
  MongoServerError,
  type Collection as MongoCollection,
  type Db,
  type Filter as MongoFilter,
  type IndexSpecification,
  type MongoClientOptions,
  type Sort,
} from 'mongodb';
import type { Collection, DocumentStore, Filter, FindOptions } from './document-store.port';
import { positionKey } from './position-key';

/** How a read-model document is stored: the port's `id` becomes `_id`, everything else as is. */
type StoredDoc = { _id: string } & Record<string, unknown>;

/** Server error codes meaning "this index (or one with the same name/keys) is already there". */
const INDEX_EXISTS_CODES = new Set([68 /* IndexAlreadyExists */, 85 /* IndexOptionsConflict */, 86 /* IndexKeySpecsConflict */]);

function isIndexAlreadyThere(err: unknown): boolean {
  if (!(err instanceof MongoServerError)) return false;
  return (typeof err.code === 'number' && INDEX_EXISTS_CODES.has(err.code)) || /already exists/i.test(err.message);
}

const toStoredField = (field: string): string => (field === 'id' ? '_id' : field);

/** Rewrites the port's `id` to `_id` at the top level of a filter (and inside $and/$or/$nor). */
function toStoredFilter(filter: Filter): MongoFilter<StoredDoc> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(filter)) {
    if ((key === '$and' || key === '$or' || key === '$nor') && Array.isArray(value)) {
      out[key] = value.map((f) => toStoredFilter(f as Filter));
    } else {
      out[toStoredField(key)] = value;
    }
  }
  return out as MongoFilter<StoredDoc>;
}

function toStoredDoc<T extends { id: string }>(doc: T): StoredDoc {
  if (typeof doc?.id !== 'string') throw new TypeError('document needs a string id');
  // Drop any stray `_id` the caller carried: the document's identity is `id`.
  const { id, _id, ...rest } = doc as T & { _id?: unknown };
  void _id;
  return { _id: id, ...rest };
}

/**
 * Fields only the store reads: `_position`, the position key of the last conditional write, and `_deleted`, which
 * marks the trace a conditional delete leaves (its position, no content) so an older write cannot bring it back.
 */
function fromStoredDoc<T>(stored: StoredDoc): T {
  const { _id, _position: _p, _deleted: _d, ...rest } = stored;
  return { id: _id, ...rest } as T;
}

const notDeleted = { _deleted: { $exists: false } };

const isDuplicateKey = (error: unknown): boolean => error instanceof MongoServerError && error.code === 11000;

class MongoReadModelCollection<T extends { id: string }> implements Collection<T> {
  constructor(
    private readonly collection: MongoCollection<StoredDoc>,
    private readonly ready: () => Promise<void>,
  ) {}

  async put(doc: T): Promise<void> {
    await this.ready();
    const { _id, ...replacement } = toStoredDoc(doc);
    await this.collection.replaceOne({ _id }, replacement, { upsert: true });
  }

  async putIfNewer(doc: T, position: string): Promise<boolean> {
    const { _id, ...content } = toStoredDoc(doc);
    return this.writeIfNewer(_id, content, position);
  }

  async deleteIfNewer(id: string, position: string): Promise<boolean> {
    return this.writeIfNewer(id, { _deleted: true }, position);
  }

  /**
   * One conditional upsert: replaces the document when its position is older (or it has none), inserts it when
   * there is none. A duplicate key means the insert met a document with this id: one at this position or a later
   * one, or one a concurrent upsert inserted first (FerretDB, like MongoDB, does not retry that itself): once more
   * then decides. On MongoDB the filter and the replacement are one atomic step; FerretDB v1 finds then replaces,
   * so of two writes of one document at the same instant the older may land last (the next redelivery repairs it).
   */
  private async writeIfNewer(id: string, content: Record<string, unknown>, position: string): Promise<boolean> {
    await this.ready();
    const key = positionKey(position);
    const older = { _id: id, $or: [{ _position: { $lt: key } }, { _position: { $exists: false } }] } as MongoFilter<StoredDoc>;
    for (let attempt = 1; ; attempt++) {
      try {
        const result = await this.collection.replaceOne(older, { ...content, _position: key }, { upsert: true });
        return result.matchedCount + result.upsertedCount > 0;
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
        if (attempt > 1) return false;
      }
    }
  }

  async get(id: string): Promise<T | undefined> {
    await this.ready();
    const stored = await this.collection.findOne({ _id: id, ...notDeleted });
    return stored ? fromStoredDoc<T>(stored) : undefined;
  }

  async find(filter: Filter, options: FindOptions = {}): Promise<T[]> {
    await this.ready();
    let cursor = this.collection.find({ ...toStoredFilter(filter), ...notDeleted });
    if (options.sort && Object.keys(options.sort).length > 0) {
      const sort: Record<string, 1 | -1> = {};
      for (const [field, dir] of Object.entries(options.sort)) sort[toStoredField(field)] = dir;
      cursor = cursor.sort(sort as Sort);
    }
    // A limit of 0 (or none) means "no limit", as in MongoDB; negative limits are not passed on.
    if (options.limit !== undefined && options.limit > 0) cursor = cursor.limit(options.limit);
    const stored = await cursor.toArray();
    return stored.map((d) => fromStoredDoc<T>(d));
  }

  async delete(id: string): Promise<void> {
    await this.ready();
    await this.collection.deleteOne({ _id: id });
  }
}

/**
 * Read-model store on MongoDB (or anything speaking its wire protocol, e.g. FerretDB v1).
 * Uses only plain CRUD (replaceOne upsert, conditional on the stored position for projections, findOne, find
 * with sort/limit, deleteOne) and createIndex: no transactions, no aggregation.
 */
export class MongoDocumentStore implements DocumentStore {
  /** Index creation per "collection|keys", started once per store and shared by every handle. */
  private readonly indexCreation = new Map<string, Promise<unknown>>();

  private constructor(
    private readonly client: MongoClient,
    readonly db: Db,
  ) {}

  static async connect(url: string, dbName: string, options: MongoClientOptions = {}): Promise<MongoDocumentStore> {
    // ignoreUndefined: `{ a: undefined }` is stored without `a` (as JSON would), not as `a: null`.
    const client = new MongoClient(url, { ignoreUndefined: true, ...options });
    await client.connect();
    return new MongoDocumentStore(client, client.db(dbName));
  }

  collection<T extends { id: string }>(name: string, indexes: string[][] = []): Collection<T> {
    const collection = this.db.collection<StoredDoc>(name);
    const specs = indexes
      .map((fields) => fields.map(toStoredField))
      .filter((keys) => keys.length > 0 && !(keys.length === 1 && keys[0] === '_id')); // _id is always indexed
    let done = specs.length === 0;
    const ensure = (): Promise<unknown> => Promise.all(specs.map((keys) => this.ensureIndex(collection, name, keys)));
    if (!done) ensure().catch(() => undefined); // start now; a failure is reported by the first operation
    return new MongoReadModelCollection<T>(collection, async () => {
      if (done) return;
      await ensure(); // a failed creation was dropped from the cache, so this retries it
      done = true;
    });
  }

  /** Creates an index at most once per store (concurrent callers share the attempt); "already exists" is fine. */
  private ensureIndex(collection: MongoCollection<StoredDoc>, name: string, keys: string[]): Promise<unknown> {
    const cacheKey = `${name}|${keys.join(',')}`;
    let creation = this.indexCreation.get(cacheKey);
    if (!creation) {
      const spec: IndexSpecification = Object.fromEntries(keys.map((k) => [k, 1 as const]));
      creation = collection.createIndex(spec).catch((err: unknown) => {
        if (isIndexAlreadyThere(err)) return;
        this.indexCreation.delete(cacheKey);
        throw err;
      });
      this.indexCreation.set(cacheKey, creation);
    }
    return creation;
  }

  /** Drops the whole database (tests and local resets). */
  async dropDatabase(): Promise<void> {
    await this.db.dropDatabase();
  }

  async close(): Promise<void> {
    await this.client.close();
  }
}
