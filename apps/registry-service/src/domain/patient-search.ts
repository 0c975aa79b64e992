import type { Decider, DomainEvent } from '@app/eventstore/decider';

/** How a patient search ended: what was shown, or why nothing was. */
export type SearchOutcome = { kind: 'found'; count: number } | { kind: 'refused'; status: 403 } | { kind: 'invalid'; status: 400 };

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

export type RegistryPatientSearched = DomainEvent<'RegistryPatientSearched', PatientSearch>;

export interface RecordPatientSearch {
  type: 'RecordPatientSearch';
  search: PatientSearch;
}

/** Every look into a patient's appointments is a fact of its own (one stream each): recorded once, never changed. */
export const patientSearchDecider: Decider<RecordPatientSearch, RegistryPatientSearched, { recorded: boolean }> = {
  initialState: { recorded: false },
  decide: (command, state) => (state.recorded ? [] : [{ type: 'RegistryPatientSearched', data: command.search }]),
  evolve: () => ({ recorded: true }),
};
