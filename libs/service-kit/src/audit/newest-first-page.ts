import type { Collection, Filter } from '@app/readmodel';

/** A document listed newest first: `key` is `<at>|<id>` (instants of fixed width, so keys order as they happened). */
export interface Keyed {
  id: string;
  key: string;
}

export const newestFirstKey = (at: string, id: string): string => `${at}|${id}`;

/** A cursor holds the key where the previous page ended. */
export const isNewestFirstKey = (key: unknown): key is string => typeof key === 'string' && /^\d{4}-\d{2}-\d{2}T[\d:.]+Z\|.+$/.test(key);

export interface NewestFirstQuery {
  /** Instants bounding `at`: from inclusive, to exclusive. */
  from?: Date;
  to?: Date;
  limit: number;
  /** The key where the previous page ended. */
  before?: string;
}

/** The filter on `key` for a time window and a page start (the smaller of `to` and the cursor bounds from above). */
function keyWindow(query: NewestFirstQuery): Filter {
  const key: Record<string, string> = {};
  if (query.from) key.$gte = query.from.toISOString();
  const upper = [query.to?.toISOString(), query.before].filter((bound): bound is string => bound !== undefined).sort()[0];
  if (upper !== undefined) key.$lt = upper;
  return Object.keys(key).length > 0 ? { key } : {};
}

/** Documents of one source whose key lies in `window`, newest first, at most `limit`. */
export type NewestFirstSource<T extends Keyed> = (window: Filter, limit: number) => Promise<T[]>;

/** A collection as a source: `filter` and the window, mapped to what the listing shows (keeping `key`). */
export const collectionSource =
  <D extends Keyed, T extends Keyed = D>(collection: Collection<D>, filter: Filter, map: (doc: D) => T = (doc) => doc as unknown as T): NewestFirstSource<T> =>
  async (window, limit) =>
    (await collection.find({ ...filter, ...window }, { sort: { key: -1 }, limit })).map(map);

/**
 * One page, newest first, merged from one or more sources (a view over old and new records): `next` is the key
 * of the page's last item when more follow.
 */
export async function newestFirstPage<T extends Keyed>(sources: NewestFirstSource<T>[], query: NewestFirstQuery): Promise<{ items: T[]; next?: string }> {
  const window = keyWindow(query);
  const found = (await Promise.all(sources.map((source) => source(window, query.limit + 1))))
    .flat()
    .sort((a, b) => (a.key < b.key ? 1 : a.key > b.key ? -1 : 0))
    .slice(0, query.limit + 1);
  const items = found.slice(0, query.limit);
  return { items, next: found.length > query.limit ? items[items.length - 1].key : undefined };
}
