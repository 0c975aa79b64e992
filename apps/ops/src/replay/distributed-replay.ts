import type { EventStore } from '@app/eventstore';
import { MongoCheckpointStore, MongoSetAsideStore } from '@app/messaging';
import type { MongoDocumentStore } from '@app/readmodel';
import { ProjectionRunner } from '@app/service-kit';
import { Difference, firstDifference } from './first-difference';
import { SHADOW_SUFFIX, countDocuments, dropCollection, replaceCollection, shadowName, storedDocuments } from './mongo-collections';
import type { PlannedProjection } from './projection-plan';
import { RenamingDocumentStore } from './renaming-document-store';
import { BULK_PAGE_SIZE, type ReplayOptions, type ReplayOutcome } from './replay-outcome';

/**
 * Distributed mode: rebuilds into shadow collections (`<collection>__replay`) in the service's database. Then
 * either compares them with the live ones (`verify`: up to the live checkpoint, document by document, and drops
 * them), or puts them in place of the live ones, sets each projection's checkpoint to the position replayed,
 * and applies what was appended meanwhile. A service running meanwhile writes the same documents: conditional
 * writes keep whichever is later.
 */
export async function replayDistributed(
  service: string,
  store: EventStore,
  planned: PlannedProjection[],
  mongo: MongoDocumentStore,
  options: ReplayOptions,
): Promise<ReplayOutcome> {
  const { db } = mongo;
  const checkpoints = new MongoCheckpointStore(db);
  const setAside = new MongoSetAsideStore(db);
  const live = () => new ProjectionRunner(service, store, planned.map((projection) => projection.build(mongo)), { checkpoints, setAside });
  const collections = planned.flatMap((projection) => projection.collections);
  for (const collection of collections) await dropCollection(db, shadowName(collection)); // left by a replay that stopped

  let until: string | undefined;
  if (options.verify) {
    const checkpointed = live();
    await checkpointed.loadCheckpoints();
    until = checkpointed.position;
  }
  const shadow = new RenamingDocumentStore(mongo, SHADOW_SUFFIX);
  const runner = new ProjectionRunner(service, store, planned.map((projection) => projection.build(shadow)), { setAside, pageSize: BULK_PAGE_SIZE });
  await runner.catchUp({ until, onPage: options.onPage });
  let documents = 0;
  for (const collection of collections) documents += await countDocuments(db, shadowName(collection));
  options.onRebuilt();

  if (options.verify) {
    let difference: Difference | undefined;
    for (const collection of collections) {
      difference ??= firstDifference(collection, '_id', await storedDocuments(db, collection), await storedDocuments(db, shadowName(collection)));
      await dropCollection(db, shadowName(collection));
    }
    return { documents, collections, verified: { difference } };
  }

  for (const collection of collections) await replaceCollection(db, shadowName(collection), collection);
  const swappedAt = runner.position;
  if (swappedAt !== undefined) for (const projection of planned) await checkpoints.save(runner.checkpointName(projection), swappedAt);
  await live().catchUp();
  return { documents, collections, swappedAt };
}
