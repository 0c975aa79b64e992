/**
 * Read models are documents in collections, queried with a small MongoDB-style filter language
 * (equality, $in, $gt/$gte/$lt/$lte, $ne). The same projection code writes to memory (embedded) or MongoDB.
 */
export type Filter = Record<string, unknown>;

export interface FindOptions {
  sort?: Record<string, 1 | -1>;
  limit?: number;
}

export interface Collection<T extends { id: string }> {
  /** Inserts or replaces the whole document with this id. */
  put(doc: T): Promise<void>;
  get(id: string): Promise<T | undefined>;
  find(filter: Filter, options?: FindOptions): Promise<T[]>;
  delete(id: string): Promise<void>;
}

export interface DocumentStore {
  collection<T extends { id: string }>(name: string, indexes?: string[][]): Collection<T>;
  close(): Promise<void>;
}
