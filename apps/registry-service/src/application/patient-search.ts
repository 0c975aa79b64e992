import { knownPurposes, longestPurpose, mayReadRegistry } from '@app/access';
import { Actor, isValidNhsNumber } from '@app/contracts';
import { DomainError } from '@app/eventstore';
import { FieldError, InvalidInputException, isInstant } from '@app/service-kit';
import type { RegistryEntry, RegistryEntryStatus } from '../domain/registry-entry.events';
import type { RegistryParts } from './registry-parts';

export const entryStatuses: RegistryEntryStatus[] = ['booked', 'cancelled', 'entered-in-error', 'expired'];

/** A patient search as asked: the raw path and query, checked here. */
export interface PatientSearchRequest {
  nhsNumber: string;
  status?: string;
  from?: string;
  to?: string;
  /** X-Request-Purpose (the access audit records it; here only its length is checked). */
  purpose?: string;
}

interface Query {
  statuses: RegistryEntryStatus[];
  from?: number;
  to?: number;
  /** Only entries that have not ended: the default, when no status or time bound is asked for. */
  notEndedAt?: number;
}

function parse(request: PatientSearchRequest, now: Date): { query?: Query; errors: FieldError[] } {
  const errors: FieldError[] = [];
  if (!isValidNhsNumber(request.nhsNumber)) errors.push({ field: 'nhsNumber', message: 'must be a 10-digit NHS number with a valid modulus-11 check digit' });
  const statuses = request.status === undefined ? ['booked' as const] : request.status.split(',').map((item) => item.trim());
  const unknown = statuses.filter((status) => !(entryStatuses as string[]).includes(status));
  if (unknown.length > 0) errors.push({ field: 'status', message: `${unknown.join(', ')} is not one of ${entryStatuses.join(', ')}` });
  for (const field of ['from', 'to'] as const) {
    const value = request[field];
    if (value !== undefined && !isInstant(value)) errors.push({ field, message: `${field} must be an RFC 3339 instant with an offset, e.g. 2030-03-01T09:00:00Z` });
  }
  const from = request.from !== undefined && isInstant(request.from) ? Date.parse(request.from) : undefined;
  const to = request.to !== undefined && isInstant(request.to) ? Date.parse(request.to) : undefined;
  if (from !== undefined && to !== undefined && to <= from) errors.push({ field: 'to', message: 'to must be after from' });
  if (request.purpose !== undefined && request.purpose.trim().length > longestPurpose) {
    errors.push({ field: 'X-Request-Purpose', message: `must be one of ${knownPurposes.join(', ')} or text of at most ${longestPurpose} characters` });
  }
  if (errors.length > 0) return { errors };
  const bounded = request.status !== undefined || from !== undefined || to !== undefined;
  return { query: { statuses: statuses as RegistryEntryStatus[], from, to, notEndedAt: bounded ? undefined : now.getTime() }, errors };
}

const matches = (query: Query) => (entry: RegistryEntry) => {
  const start = Date.parse(entry.start);
  if (query.from !== undefined && start < query.from) return false;
  if (query.to !== undefined && start >= query.to) return false;
  return query.notEndedAt === undefined || Date.parse(entry.end) > query.notEndedAt;
};

/**
 * A patient's entries, by start. Default: booked and not yet ended; `status` (one or a comma list) and `from`/`to`
 * (bounding the start) choose others. The access audit records every search before it is answered, the refused
 * (403) and invalid (400) ones too, with who asked and why; the route notes how many entries it showed.
 */
export async function searchPatient(parts: RegistryParts, request: PatientSearchRequest, actor: Actor): Promise<RegistryEntry[]> {
  if (!mayReadRegistry(actor)) {
    throw new DomainError('registry_not_readable', `${actor.role} of a ${actor.organisationType} may not read the Appointment Registry`, 'forbidden');
  }
  const { query, errors } = parse(request, new Date());
  if (!query) throw new InvalidInputException(errors);
  const found = await parts.entryViews.find({ nhsNumber: request.nhsNumber, status: { $in: query.statuses } });
  return found
    .filter(matches(query))
    .sort((a, b) => Date.parse(a.start) - Date.parse(b.start) || a.id.localeCompare(b.id))
    .map(({ position: _position, ...entry }) => entry);
}
