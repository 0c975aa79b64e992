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
  /** Where the previous page ended. */
  before?: AccessLogKey;
}

/** Newest first: when, then the record's id. */
export type AccessLogKey = [at: string, id: string];

const keyOf = (view: PatientSearchView): AccessLogKey => [view.at, view.id];
const newestFirst = ([aAt, aId]: AccessLogKey, [bAt, bId]: AccessLogKey): number => (aAt !== bAt ? (aAt < bAt ? 1 : -1) : aId < bId ? 1 : aId > bId ? -1 : 0);

/** Who searched for whom, why and with what outcome: for auditors only. */
export async function listAccessLog(parts: RegistryParts, query: AccessLogQuery, actor: Actor): Promise<{ items: PatientSearchView[]; next?: AccessLogKey }> {
  if (actor.role !== 'auditor') throw new DomainError('auditors_only', 'the registry access log is for auditors', 'forbidden');
  const filter: Record<string, unknown> = {};
  if (query.nhsNumber) filter.nhsNumber = query.nhsNumber;
  if (query.organisation) filter.organisation = query.organisation;
  const at: Record<string, string> = {};
  if (query.from) at.$gte = query.from.toISOString();
  if (query.to) at.$lt = query.to.toISOString();
  if (Object.keys(at).length > 0) filter.at = at;
  const sorted = (await parts.accessLog.find(filter)).sort((a, b) => newestFirst(keyOf(a), keyOf(b)));
  const rest = query.before ? sorted.filter((view) => newestFirst(keyOf(view), query.before!) > 0) : sorted;
  const items = rest.slice(0, query.limit);
  return { items, next: rest.length > query.limit ? keyOf(items[items.length - 1]) : undefined };
}
