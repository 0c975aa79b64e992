import type { Actor } from '@app/contracts';
import { DomainError } from '@app/eventstore';
import type { Filter } from '@app/readmodel';
import { AccessRecordView, NewestFirstQuery, collectionSource, newestFirstPage } from '@app/service-kit';
import type { SearchOutcome } from '../domain/patient-search';
import type { PatientSearchView } from '../projections/access-log.projection';
import type { RegistryParts } from './registry-parts';

export interface AccessLogQuery extends NewestFirstQuery {
  nhsNumber?: string;
  /** The searcher's organisation. */
  organisation?: string;
}

/** The route template of the patient search, as the access audit records it. */
export const patientSearchRoute = '/registry/patients/:nhsNumber/appointments';

function searchOutcome(record: AccessRecordView): SearchOutcome {
  if (record.status === 200) return { kind: 'found', count: record.resultCount ?? 0 };
  if (record.status === 403) return { kind: 'refused', status: 403 };
  if (record.status === 400) return { kind: 'invalid', status: 400 };
  return { kind: 'failed', status: record.status };
}

/** An access record of a search (its caller known: a request without a valid token never reached the registry). */
const asSearch = (record: AccessRecordView): PatientSearchView => ({
  id: record.id,
  nhsNumber: record.nhsNumber ?? '',
  searcher: record.actor!,
  purpose: record.purpose,
  outcome: searchOutcome(record),
  at: record.at,
  organisation: record.actor!.organisation,
  key: record.key,
});

/**
 * Who searched for whom, why and with what outcome: for auditors only, newest first, a page at a time. A view of
 * the access audit (the search route's records), and of the searches release 0.1 recorded in the registry's store.
 */
export function listAccessLog(parts: RegistryParts, query: AccessLogQuery, actor: Actor): Promise<{ items: PatientSearchView[]; next?: string }> {
  if (actor.role !== 'auditor') throw new DomainError('auditors_only', 'the registry access log is for auditors', 'forbidden');
  const filter: Filter = {};
  if (query.nhsNumber) filter.nhsNumber = query.nhsNumber;
  if (query.organisation) filter.organisation = query.organisation;
  return newestFirstPage(
    [collectionSource(parts.accessLog, filter), collectionSource(parts.accessRecords, { ...filter, route: patientSearchRoute, authentication: 'token' }, asSearch)],
    query,
  );
}
