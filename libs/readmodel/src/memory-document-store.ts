import { Query } from 'mingo';
import type { Collection, DocumentStore, Filter, FindOptions } from './document-store.port';
import { positionKey } from './position-key';

type Doc = { id: string };

/** Values a hash index can key on. `Map` uses SameValueZero, so 1 and '1' stay apart and 0 equals -0 (as in MongoDB). */
type IndexKey = string | number | boolean;

const isIndexKey = (v: unknown): v is IndexKey =>
  typeof v === 'string' || (typeof v === 'number' && !Number.isNaN(v)) || typeof v === 'boolean';

/** Reads a dot path through plain objects only; anything else (arrays, missing parents) yields NOT_SIMPLE/undefined. */
const NOT_SIMPLE = Symbol('not-simple');
function readPath(doc: unknown, path: readonly string[]): unknown {
  let cur: unknown = doc;
  for (const part of path) {
    if (cur === null || cur === undefined) return undefined;
    if (typeof cur !== 'object' || Array.isArray(cur)) return NOT_SIMPLE;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

/**
 * Hash index on one field. Documents whose value is a string/number/boolean go into a bucket; documents whose value is
 * missing/null sit nowhere (an equality on a string/number/boolean can never match them); everything else (arrays,
 * objects, dates, paths through arrays) goes to `other` and is always a candidate, so mingo keeps full MongoDB semantics.
 */
class HashIndex {
  private readonly buckets = new Map<IndexKey, Set<string>>();
  private readonly other = new Set<string>();
  private readonly keyOf = new Map<string, IndexKey | typeof NOT_SIMPLE>();

  private readonly path: readonly string[];

  constructor(readonly field: string) {
    this.path = field.split('.');
  }

  /** Files the document under its value, moving it when the value changed (most replacements keep it). */
  add(id: string, doc: unknown): void {
    const v = readPath(doc, this.path);
    const filed = this.keyOf.get(id);
    if (filed !== undefined && filed !== NOT_SIMPLE && filed === v) return;
    if (filed !== undefined) this.remove(id);
    if (isIndexKey(v)) {
      let bucket = this.buckets.get(v);
      if (!bucket) this.buckets.set(v, (bucket = new Set()));
      bucket.add(id);
      this.keyOf.set(id, v);
    } else if (v !== undefined && v !== null) {
      this.other.add(id);
      this.keyOf.set(id, NOT_SIMPLE);
    }
  }

  remove(id: string): void {
    const key = this.keyOf.get(id);
    if (key === undefined) return;
    this.keyOf.delete(id);
    if (key === NOT_SIMPLE) {
      this.other.delete(id);
      return;
    }
    const bucket = this.buckets.get(key);
    bucket?.delete(id);
    if (bucket && bucket.size === 0) this.buckets.delete(key);
  }

  /** Candidate ids for an equality / $eq / $in condition, or undefined if the condition can't use the index. */
  candidates(condition: unknown): string[] | undefined {
    let keys: IndexKey[];
    if (isIndexKey(condition)) keys = [condition];
    else if (isPlainObject(condition) && Object.keys(condition).length > 0) {
      // Only use the index when every operator is one we can answer from buckets; others ($gte, $ne, …) need a scan.
      // { $eq: v } or { $in: [...] } possibly combined with other operators on the same field (mingo re-checks them).
      if (isIndexKey(condition.$eq)) keys = [condition.$eq];
      else if (Array.isArray(condition.$in) && condition.$in.every(isIndexKey)) keys = condition.$in as IndexKey[];
      else return undefined;
    } else return undefined;

    const ids: string[] = [];
    const seen = keys.length > 1 ? new Set<string>() : undefined;
    for (const key of keys) {
      for (const id of this.buckets.get(key) ?? []) {
        if (seen) {
          if (seen.has(id)) continue;
          seen.add(id);
        }
        ids.push(id);
      }
    }
    for (const id of this.other) if (!seen?.has(id)) ids.push(id);
    return ids;
  }
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype;
}

/**
 * A private deep copy. Read models hold JSON-like data (plain objects, arrays, primitives), copied here by hand:
 * several times faster than structuredClone, which matters when a replay writes millions of documents. Anything
 * else (a Date, a Map) is structured-cloned.
 */
function copyOf<T>(value: T): T {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map(copyOf) as T;
  if (!isPlainObject(value)) return structuredClone(value);
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) copy[key] = copyOf(value[key]);
  return copy as T;
}

/**
 * A conditional write's position as the collection compares it: a number for SQLite's integers (no string kept per
 * document), the sortable key otherwise. One store's positions all have one form.
 */
const comparablePosition = (position: string): number | string => (/^\d{1,15}$/.test(position) ? Number(position) : positionKey(position));

/** What the collection keeps per id: the document, and the position of the last conditional write (an entry with a position and no document is the trace of a conditional delete). */
interface Entry<T> {
  doc?: T;
  position?: number | string;
}

class MemoryCollection<T extends Doc> implements Collection<T> {
  private readonly entries = new Map<string, Entry<T>>();
  private readonly indexes = new Map<string, HashIndex>();

  constructor(private readonly copy: <V>(value: V) => V) {}

  /** Adds a hash index on the first field of each declared index (later fields are left to mingo). */
  ensureIndexes(indexes: string[][]): void {
    for (const fields of indexes) {
      const field = fields[0];
      if (!field || field === 'id' || this.indexes.has(field)) continue;
      const index = new HashIndex(field);
      for (const [id, { doc }] of this.entries) if (doc) index.add(id, doc);
      this.indexes.set(field, index);
    }
  }

  async put(doc: T): Promise<void> {
    if (typeof doc?.id !== 'string') throw new TypeError('document needs a string id');
    this.store(this.entryOf(doc.id), doc).position = undefined;
  }

  async putIfNewer(doc: T, position: string): Promise<boolean> {
    if (typeof doc?.id !== 'string') throw new TypeError('document needs a string id');
    const entry = this.advance(doc.id, position);
    if (entry) this.store(entry, doc);
    return entry !== undefined;
  }

  async deleteIfNewer(id: string, position: string): Promise<boolean> {
    const entry = this.advance(id, position);
    if (entry) this.removeDoc(id, entry);
    return entry !== undefined;
  }

  /** The entry, its position moved to `position` when that is later than the one recorded; undefined when it is not. */
  private advance(id: string, position: string): Entry<T> | undefined {
    const at = comparablePosition(position);
    const entry = this.entries.get(id);
    if (!entry) {
      const added = { position: at };
      this.entries.set(id, added);
      return added;
    }
    if (entry.position !== undefined && entry.position >= at) return undefined;
    entry.position = at;
    return entry;
  }

  private entryOf(id: string): Entry<T> {
    let entry = this.entries.get(id);
    if (!entry) this.entries.set(id, (entry = {}));
    return entry;
  }

  private store(entry: Entry<T>, doc: T): Entry<T> {
    const copy = this.copy(doc);
    entry.doc = copy;
    for (const index of this.indexes.values()) index.add(copy.id, copy);
    return entry;
  }

  async get(id: string): Promise<T | undefined> {
    const doc = this.entries.get(id)?.doc;
    return doc === undefined ? undefined : this.copy(doc);
  }

  async find(filter: Filter, options: FindOptions = {}): Promise<T[]> {
    const candidates = this.candidates(filter);
    if (Object.keys(filter).length === 0 && !options.sort && !options.limit) return candidates.map(this.copy); // all of them, as they are
    let cursor = new Query(filter).find<T>(candidates);
    if (options.sort && Object.keys(options.sort).length > 0) cursor = cursor.sort(options.sort);
    // As in MongoDB, a limit of 0 (or none) means "no limit".
    if (options.limit !== undefined && options.limit > 0) cursor = cursor.limit(options.limit);
    return cursor.all().map(this.copy);
  }

  async delete(id: string): Promise<void> {
    const entry = this.entries.get(id);
    if (!entry) return;
    this.removeDoc(id, entry);
    this.entries.delete(id);
  }

  private removeDoc(id: string, entry: Entry<T>): void {
    if (entry.doc === undefined) return;
    entry.doc = undefined;
    for (const index of this.indexes.values()) index.remove(id);
  }

  clear(): void {
    this.entries.clear();
    this.indexes.clear();
  }

  private documents(ids: Iterable<string>): T[] {
    const docs: T[] = [];
    for (const id of ids) {
      const doc = this.entries.get(id)?.doc;
      if (doc) docs.push(doc);
    }
    return docs;
  }

  /** The smallest candidate set an index (or the primary key) can give for this filter; all documents otherwise. */
  private candidates(filter: Filter): T[] {
    const byId = filter.id;
    if (typeof byId === 'string') return this.documents([byId]);
    let best: string[] | undefined;
    for (const [field, condition] of Object.entries(filter)) {
      const index = this.indexes.get(field);
      const ids = index?.candidates(condition);
      if (ids && (!best || ids.length < best.length)) best = ids;
    }
    return this.documents(best ?? this.entries.keys());
  }
}

/**
 * Embedded read-model store: documents in Maps, queried with mingo (MongoDB query semantics).
 * Stored documents are private copies: `put` stores a deep copy and `get`/`find` return copies.
 */
export class MemoryDocumentStore implements DocumentStore {
  private readonly collections = new Map<string, MemoryCollection<Doc>>();
  private readonly copy: <V>(value: V) => V;

  /**
   * `copies: false` keeps documents as given and hands out the stored objects: for a store only projections write
   * and read (a replay's bulk build), which never change a document in place. `npm run replay -- --verify`
   * compares such a build with one on a copying store.
   */
  constructor(options: { copies?: boolean } = {}) {
    this.copy = options.copies === false ? (value) => value : copyOf;
  }

  collection<T extends { id: string }>(name: string, indexes: string[][] = []): Collection<T> {
    let collection = this.collections.get(name);
    if (!collection) this.collections.set(name, (collection = new MemoryCollection<Doc>(this.copy)));
    collection.ensureIndexes(indexes);
    return collection as unknown as Collection<T>;
  }

  async close(): Promise<void> {
    for (const collection of this.collections.values()) collection.clear();
    this.collections.clear();
  }
}
