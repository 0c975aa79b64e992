import { decodePageCursor, encodePageCursor } from '@app/service-kit';
import type { Filter } from '@app/readmodel';
import type { SlotView } from '../projections/slot-view.projection';

export interface SlotSearch {
  /** Any of these hosting organisations. */
  organisations?: string[];
  /** Slots whose bookableBy.federations names this federation. */
  federation?: string;
  serviceType?: string;
  deliveryChannel?: string;
  /** Window on the slot's start: from `start` (inclusive) to `end` (exclusive), instants as toISOString gives them. */
  start: string;
  end: string;
  limit: number;
  cursor?: string;
}

export interface SlotPage<T> {
  items: T[];
  /** Present while more slots match: pass it back as `cursor` for the next page. */
  next?: string;
}

/** Where a page ended: results are ordered by start, then id, so the pair names a place in the order. */
export interface SearchPosition {
  start: string;
  id: string;
}

export const encodeCursor = (position: SearchPosition): string => encodePageCursor([position.start, position.id]);

/** The position a cursor names, or undefined when it is not one this service made. */
export function decodeCursor(cursor: string): SearchPosition | undefined {
  const decoded = decodePageCursor(cursor);
  if (Array.isArray(decoded) && decoded.length === 2 && decoded.every((part) => typeof part === 'string')) {
    return { start: decoded[0] as string, id: decoded[1] as string };
  }
  return undefined;
}

/** What the read model is asked for: open slots matching the query, after the cursor's position. */
export function searchFilter(search: SlotSearch, after?: SearchPosition): Filter {
  const filter: Filter = { open: true, start: { $gte: search.start, $lt: search.end } };
  if (search.organisations?.length) filter.organisation = { $in: search.organisations };
  if (search.federation) filter['bookableBy.federations'] = search.federation;
  if (search.serviceType) filter.serviceType = search.serviceType;
  if (search.deliveryChannel) filter.deliveryChannel = search.deliveryChannel;
  if (after) filter.$or = [{ start: { $gt: after.start } }, { start: after.start, id: { $gt: after.id } }];
  return filter;
}

export const searchOrder = { start: 1, id: 1 } as const;

/**
 * Collects one page: reads the ordered matches batch by batch from `after`, keeps those `wanted` accepts, and stops
 * once it holds one more than the limit (then there is a next page) or the matches run out.
 */
export async function collectPage(
  read: (after: SearchPosition | undefined, batchSize: number) => Promise<SlotView[]>,
  wanted: (view: SlotView) => boolean,
  limit: number,
  after?: SearchPosition,
): Promise<SlotPage<SlotView>> {
  const kept: SlotView[] = [];
  const batchSize = Math.max(limit + 1, 100);
  let position = after;
  for (;;) {
    const batch = await read(position, batchSize);
    for (const view of batch) {
      if (wanted(view)) kept.push(view);
      if (kept.length > limit) {
        const items = kept.slice(0, limit);
        const last = items[items.length - 1];
        return { items, next: encodeCursor({ start: last.start, id: last.id }) };
      }
    }
    if (batch.length < batchSize) return { items: kept };
    const last = batch[batch.length - 1];
    position = { start: last.start, id: last.id };
  }
}
