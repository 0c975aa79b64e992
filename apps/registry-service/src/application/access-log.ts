import type { Actor } from '@app/contracts';
import { DomainError } from '@app/eventstore';
import type { PatientSearchView } from '../projections/access-log.projection';
import type { RegistryParts } from './registry-parts';

export interface AccessLogQuery {
  nhsNumber?: string;
  /** The searcher's organisation. */
  organisation?: string;
  /** Instants bounding when the search was made. */
  from?: Date;
  to?: Date;
  limit: number;
  /** The key where the previous page ended. */
  before?: string;
}

/** Who searched for whom, why and with what outcome: for auditors only, newest first, a page at a time. */
export async function listAccessLog(parts: RegistryParts, query: AccessLogQuery, actor: Actor): Promise<{ items: PatientSearchView[]; next?: string }> {
  if (actor.role !== 'auditor') throw new DomainError('auditors_only', 'the registry access log is for auditors', 'forbidden');
  const filter: Record<string, unknown> = {};
  if (query.nhsNumber) filter.nhsNumber = query.nhsNumber;
  if (query.organisation) filter.organisation = query.organisation;
  const key: Record<string, string> = {};
  // Keys start with the instant: `from` bounds them from below as it is, `to` (exclusive) as the smallest key at it.
  if (query.from) key.$gte = query.from.toISOString();
  const upper = [query.to?.toISOString(), query.before].filter((bound): bound is string => bound !== undefined).sort()[0];
  if (upper !== undefined) key.$lt = upper;
  if (Object.keys(key).length > 0) filter.key = key;
  const found = await parts.accessLog.find(filter, { sort: { key: -1 }, limit: query.limit + 1 });
  const items = found.slice(0, query.limit);
  return { items, next: found.length > query.limit ? items[items.length - 1].key : undefined };
}
