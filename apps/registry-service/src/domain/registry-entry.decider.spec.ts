import { given } from '@app/eventstore/testing/given-when-then';
import { RegistryEntry, registryEntryDecider } from './registry-entry.decider';

const entry: RegistryEntry = {
  entryId: 'e1',
  nhsNumber: '9434765919',
  appointmentId: 'b1',
  organisation: 'A81001',
  serviceType: 'phlebotomy',
  start: '2030-03-01T09:00:00Z',
  end: '2030-03-01T09:10:00Z',
};

describe('registry entry decider', () => {
  it('creates an entry for a confirmed booking', () =>
    given(registryEntryDecider, []).when({ type: 'CreateEntry', entry }).then([{ type: 'RegistryEntryCreated', data: entry }]));
  it('a redelivered confirmation adds nothing', () =>
    given(registryEntryDecider, [{ type: 'RegistryEntryCreated', data: entry }]).when({ type: 'CreateEntry', entry }).then([]));
});
