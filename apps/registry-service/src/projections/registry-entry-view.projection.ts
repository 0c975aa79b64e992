import type { RegistryEntryV1 } from '@app/contracts';
import { RecordedEvent, toDomainEvent } from '@app/eventstore';
import type { Collection, DocumentStore } from '@app/readmodel';
import type { Projection } from '@app/service-kit';
import type { RegistryEntryEvent } from '../domain/registry-entry.decider';

export interface RegistryEntryView extends Omit<RegistryEntryV1, 'entryId'> {
  id: string;
  position: number;
}

export const registryEntryViews = (documents: DocumentStore): Collection<RegistryEntryView> =>
  documents.collection<RegistryEntryView>('registry_entries', [['nhsNumber', 'start']]);

export class RegistryEntryViewProjection implements Projection {
  constructor(private readonly entries: Collection<RegistryEntryView>) {}

  async apply(recorded: RecordedEvent): Promise<void> {
    if (!recorded.streamId.startsWith('registry-entry-')) return;
    const event = toDomainEvent<RegistryEntryEvent>(recorded);
    if (event.type === 'RegistryEntryCreated') {
      const { entryId, ...entry } = event.data;
      await this.entries.put({ id: entryId, ...entry, status: 'booked', position: recorded.streamPosition });
    }
  }
}
