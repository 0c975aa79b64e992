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
  /**
   * Projections write through these two: each records `position`, the global position of the last event the
   * document reflects, and does nothing (answers false) when the stored document, or the trace a conditional
   * delete leaves, already reflects that position or a later one. So a redelivered event, or a second runner,
   * never moves a document backwards. `put` and `delete` forget the position.
   */
  putIfNewer(doc: T, position: string): Promise<boolean>;
  deleteIfNewer(id: string, position: string): Promise<boolean>;
}

export interface DocumentStore {
  collection<T extends { id: string }>(name: string, indexes?: string[][]): Collection<T>;
  close(): Promise<void>;
}
