import type { EventStore, RecordedEvent } from '@app/eventstore';

const pageSize = 1_000;

/** Every event after `from` (exclusive), in global order, read a page at a time: never the whole store in memory. */
export async function* readAllPages(store: EventStore, from?: string): AsyncGenerator<RecordedEvent> {
  let after = from;
  for (;;) {
    const page = await store.readAll({ from: after, limit: pageSize });
    yield* page;
    if (page.length < pageSize) return;
    after = page[page.length - 1].globalPosition;
  }
}
