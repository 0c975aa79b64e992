import type { RecordedEvent } from '@app/eventstore';
import type { Collection, DocumentStore } from '@app/readmodel';
import { type Projection, newestFirstKey } from '@app/service-kit';
import type { PatientSearch } from '../domain/patient-search';

/** One patient search as auditors list it; `id` is the recorded event's (RegistryPatientSearched of release 0.1, or AccessRecorded). */
export interface PatientSearchView extends PatientSearch {
  id: string;
  /** The searcher's organisation, flat, to filter on. */
  organisation: string;
  /** `<at>|<id>` (newestFirstKey): the listing's order (newest first) and page key, one field so the store sorts and bounds it. */
  key: string;
}

export const accessLogViews = (documents: DocumentStore): Collection<PatientSearchView> =>
  documents.collection<PatientSearchView>('registry_access_log', [['key'], ['nhsNumber', 'key'], ['organisation', 'key']]);

/** The searches release 0.1 recorded in the registry's store (none are written now): history, still listed. */
export class AccessLogProjection implements Projection {
  readonly name = 'access-log';

  constructor(private readonly searches: Collection<PatientSearchView>) {}

  async apply(recorded: RecordedEvent): Promise<void> {
    if (recorded.type !== 'RegistryPatientSearched') return;
    const search = recorded.data as PatientSearch;
    await this.searches.putIfNewer({ id: recorded.id, ...search, organisation: search.searcher.organisation, key: newestFirstKey(search.at, recorded.id) }, recorded.globalPosition);
  }
}
