import type { DomainEvent } from '@app/eventstore/decider';

/**
 * How a patient search ended: what was shown, or why nothing was (`failed`: an error of the service, or a refusal
 * before the registry saw the search, such as an unsupported media type).
 */
export type SearchOutcome =
  | { kind: 'found'; count: number }
  | { kind: 'refused'; status: 403 }
  | { kind: 'invalid'; status: 400 }
  | { kind: 'failed'; status: number };

/** Who searched: the token's organisation, its type, the user and the role. */
export interface Searcher {
  organisation: string;
  organisationType: string;
  user: string;
  role: string;
}

export interface PatientSearch {
  /** As asked, even when it was no valid NHS number (a refused or invalid search is recorded too). */
  nhsNumber: string;
  searcher: Searcher;
  /** Why the search was made: X-Request-Purpose, the token's `reason_for_request`, or `direct-care`. */
  purpose: string;
  outcome: SearchOutcome;
  at: string;
}

/**
 * A patient search as release 0.1 recorded it, one stream each (`registry-access-<uuid>`). Searches are now
 * recorded by the access audit like every request; these stay readable, as history, in the registry's access log.
 */
export type RegistryPatientSearched = DomainEvent<'RegistryPatientSearched', PatientSearch>;
