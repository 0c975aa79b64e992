import type { DocumentStore } from '@app/readmodel';
import { MemoryDocumentStore } from '@app/readmodel';
import type { Projection, ProjectionFactory } from '@app/service-kit';
import { RenamingDocumentStore } from './renaming-document-store';

/** One projection to rebuild: its name, the collections it writes, and how to build it on a store. */
export interface PlannedProjection {
  name: string;
  collections: string[];
  build(documents: DocumentStore): Projection;
}

/** What each projection is called and writes, learnt by building it once on a throwaway store. */
export function planProjections(factories: ProjectionFactory[]): PlannedProjection[] {
  return factories.map((build) => {
    const probe = new RenamingDocumentStore(new MemoryDocumentStore(), '');
    const { name } = build(probe);
    return { name, collections: [...probe.names].sort(), build };
  });
}
