import type { RecordedEvent } from '@app/eventstore';
import type { Collection, DocumentStore } from '@app/readmodel';
import type { Projection } from '@app/service-kit';
import type { PatientSearch } from '../domain/patient-search';

/** One patient search as auditors list it; `id` is the recorded event's. */
export interface PatientSearchView extends PatientSearch {
  id: string;
  /** The searcher's organisation, flat, to filter on. */
  organisation: string;
}

export const accessLogViews = (documents: DocumentStore): Collection<PatientSearchView> =>
  documents.collection<PatientSearchView>('registry_access_log', [['nhsNumber'], ['at']]);

export class AccessLogProjection implements Projection {
  constructor(private readonly searches: Collection<PatientSearchView>) {}

  async apply(recorded: RecordedEvent): Promise<void> {
    if (recorded.type !== 'RegistryPatientSearched') return;
    const search = recorded.data as PatientSearch;
    await this.searches.put({ id: recorded.id, ...search, organisation: search.searcher.organisation });
  }
}
