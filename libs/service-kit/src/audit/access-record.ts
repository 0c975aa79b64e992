/** Who made a request, from its verified token; absent when the token was missing or invalid. */
export interface AccessActor {
  /** The token's `sub`. */
  user: string;
  /** The token's `org` (an ODS code). */
  organisation: string;
  /** The token's `orgType`. */
  organisationType: string;
  role: string;
}

/**
 * How a request ended, as an auditor reads it: `denied` covers 403s and the reads answered 404 because the
 * caller may not see what it asked for (it saw "not found", the record says why).
 */
export const accessOutcomes = ['allowed', 'denied', 'unauthenticated', 'not-found', 'rejected', 'failed'] as const;
export type AccessOutcome = (typeof accessOutcomes)[number];

/** One HTTP request, recorded before it is answered (the data of an `AccessRecorded` event). */
export interface AccessRecord {
  /** When the request arrived. */
  at: string;
  /** The process that answered: `platform` (embedded) or the service. */
  recordedBy: string;
  actor: AccessActor | null;
  /** `token` when the actor is known; otherwise why not. */
  authentication: 'token' | 'no-token' | 'invalid-token';
  purpose: string;
  method: string;
  /** The route template (`/appointments/:id`), never the raw path; null when no route matched. */
  route: string | null;
  /** The route's parameters (appointment, slot, entry ids), the NHS number left out (it has its own field). */
  resourceIds: Record<string, string>;
  nhsNumber?: string;
  status: number;
  outcome: AccessOutcome;
  correlationId: string;
  /** How many items a search showed, when the route said (the registry's patient search does). */
  resultCount?: number;
}

export const accessRecordedType = 'AccessRecorded';
export const accessRecordedVersion = 1;

/** The outcome of a status; `denied` when the route marked a 404 as a refusal in disguise. */
export function outcomeOf(status: number, denied: boolean): AccessOutcome {
  if (denied || status === 403) return 'denied';
  if (status < 400) return 'allowed';
  if (status === 401) return 'unauthenticated';
  if (status === 404) return 'not-found';
  return status < 500 ? 'rejected' : 'failed';
}
