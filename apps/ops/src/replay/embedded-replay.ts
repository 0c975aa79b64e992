import type { EventStore } from '@app/eventstore';
import type { SetAsideStore } from '@app/messaging';
import { MemoryDocumentStore } from '@app/readmodel';
import { LIVE_BATCH_SIZE, ProjectionRunner } from '@app/service-kit';
import { Difference, firstDifference } from './first-difference';
import type { PlannedProjection } from './projection-plan';
import { BULK_PAGE_SIZE, type ReplayOptions, type ReplayOutcome } from './replay-outcome';

const documentsOf = async (documents: MemoryDocumentStore, collection: string) => documents.collection(collection).find({});

/**
 * Embedded mode keeps read models in memory and rebuilds them at every start: a replay builds them from the
 * SQLite store in DATA_DIR into memory (documents not copied). `verify` has no live read model to compare with
 * (it lives in the running platform's memory), so it builds them a second time fed as the live runner feeds them
 * (in batches of its subscription's size, into a copying store) and compares the two.
 */
export async function replayEmbedded(
  service: string,
  store: EventStore,
  planned: PlannedProjection[],
  setAside: SetAsideStore,
  options: ReplayOptions,
): Promise<ReplayOutcome> {
  const rebuilt = new MemoryDocumentStore({ copies: false });
  const runner = new ProjectionRunner(service, store, planned.map((projection) => projection.build(rebuilt)), { setAside, pageSize: BULK_PAGE_SIZE });
  await runner.catchUp({ onPage: options.onPage });
  const collections = planned.flatMap((projection) => projection.collections);
  let documents = 0;
  for (const collection of collections) documents += (await documentsOf(rebuilt, collection)).length;
  options.onRebuilt();
  if (!options.verify) return { documents, collections };

  const live = new MemoryDocumentStore();
  const liveRunner = new ProjectionRunner(service, store, planned.map((projection) => projection.build(live)), { setAside, pageSize: LIVE_BATCH_SIZE });
  await liveRunner.catchUp({ until: runner.position });
  let difference: Difference | undefined;
  for (const collection of collections) {
    difference ??= firstDifference(collection, 'id', await documentsOf(live, collection), await documentsOf(rebuilt, collection));
  }
  return { documents, collections, verified: { difference } };
}
