import type { RecordedEvent } from '@app/eventstore';
import type { Collection, DocumentStore } from '@app/readmodel';
import type { Projection } from '@app/service-kit';
import type { PatientSearch } from '../domain/patient-search';

/** One patient search as auditors list it; `id` is the recorded event's. */
export interface PatientSearchView extends PatientSearch {
  id: string;
  /** The searcher's organisation, flat, to filter on. */
  organisation: string;
  /** `<at>|<id>`: the listing's order (newest first) and page key, one field so the store sorts and bounds it. */
  key: string;
}

/** Instants are `toISOString()` (fixed width), so keys order as the searches happened. */
export const accessLogKey = (at: string, id: string): string => `${at}|${id}`;

export const accessLogViews = (documents: DocumentStore): Collection<PatientSearchView> =>
  documents.collection<PatientSearchView>('registry_access_log', [['key'], ['nhsNumber', 'key'], ['organisation', 'key']]);

export class AccessLogProjection implements Projection {
  readonly name = 'access-log';

  constructor(private readonly searches: Collection<PatientSearchView>) {}

  async apply(recorded: RecordedEvent): Promise<void> {
    if (recorded.type !== 'RegistryPatientSearched') return;
    const search = recorded.data as PatientSearch;
    await this.searches.putIfNewer({ id: recorded.id, ...search, organisation: search.searcher.organisation, key: accessLogKey(search.at, recorded.id) }, recorded.globalPosition);
  }
}
