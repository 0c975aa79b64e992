import type { RecordedEvent } from '@app/eventstore';
import type { Collection, DocumentStore } from '@app/readmodel';
import type { Projection } from '@app/service-kit';
import type { RegistryEntry } from '../domain/registry-entry.events';
import { entryChangeOf } from '../application/registry-changes';

/** An entry as the last change left it, and the global position of that change. */
export interface RegistryEntryView extends RegistryEntry {
  position: string;
}

export const registryEntryViews = (documents: DocumentStore): Collection<RegistryEntryView> =>
  documents.collection<RegistryEntryView>('registry_entries', [['nhsNumber', 'start']]);

/** Puts the whole entry each change carries: no event needs the one before it. */
export class RegistryEntryViewProjection implements Projection {
  readonly name = 'registry-entries';

  constructor(private readonly entries: Collection<RegistryEntryView>) {}

  async apply(recorded: RecordedEvent): Promise<void> {
    const change = entryChangeOf(recorded);
    if (change) await this.entries.putIfNewer({ ...change.entry, position: change.position }, recorded.globalPosition);
  }
}
