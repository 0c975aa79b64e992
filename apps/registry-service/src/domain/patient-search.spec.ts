import { given } from '@app/eventstore/testing/given-when-then';
import { PatientSearch, patientSearchDecider } from './patient-search';

const search: PatientSearch = {
  nhsNumber: '9434765919',
  searcher: { organisation: 'U111', organisationType: 'urgent-care', user: 'u1', role: 'booker' },
  purpose: 'direct-care',
  outcome: { kind: 'found', count: 2 },
  at: '2030-02-01T10:00:00.000Z',
};

describe('patient search record', () => {
  it('records a search', () =>
    given(patientSearchDecider, []).when({ type: 'RecordPatientSearch', search }).then([{ type: 'RegistryPatientSearched', data: search }]));
  it('records it once', () =>
    given(patientSearchDecider, [{ type: 'RegistryPatientSearched', data: search }]).when({ type: 'RecordPatientSearch', search }).then([]));
});
