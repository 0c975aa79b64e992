import { DEAD_LETTER_EVENT_TYPE } from '../dead-letter-events';
import type { EventEnvelope } from '../envelope';
import type { RegistryEntryChangedV1 } from '../registry-events';
import { RegistryEventTypes } from '../registry-events';
import { Topics } from '../topics';
import { validateIntegrationEvent, validateIntegrationEventData, validateIntegrationMessage } from './validate-integration-event';

const change: RegistryEntryChangedV1 = {
  change: 'cancelled',
  entry: {
    id: '0f8c2e4a-1b2c-5d3e-8f4a-5b6c7d8e9f01',
    appointmentId: 'b1',
    appointmentUrl: '/appointments/b1',
    nhsNumber: '9434765919',
    organisation: 'A81001',
    serviceType: 'phlebotomy',
    start: '2030-03-01T09:00:00.000Z',
    end: '2030-03-01T09:10:00.000Z',
    status: 'cancelled',
    supersededBy: '7a1c2e4a-1b2c-5d3e-8f4a-5b6c7d8e9f02',
    source: 'booking',
    version: 2,
    createdAt: '2030-02-01T10:00:00.000Z',
    updatedAt: '2030-02-02T10:00:00.000Z',
  },
  occurredAt: '2030-02-02T10:00:00.000Z',
  position: '42',
};

const envelope: EventEnvelope<RegistryEntryChangedV1> = {
  id: 'e1',
  type: RegistryEventTypes.entryChanged,
  version: 1,
  streamId: 'registry-entry-1',
  streamPosition: 1,
  globalPosition: '42',
  correlationId: 'c1',
  causationId: 'd1',
  actor: { organisation: 'A81001', organisationType: 'gp-practice', user: 'u1', role: 'clinician', federations: [] },
  occurredAt: '2030-02-02T10:00:00.000Z',
  data: change,
};

const contract = { topic: Topics.registryChanges, type: RegistryEventTypes.entryChanged, version: 1 };
const paths = (errors: string[]) => errors.map((error) => error.split(' ')[0]);

describe('validating integration events against the committed JSON Schemas', () => {
  it('accepts a registry change as the contract types describe it', () => {
    expect(validateIntegrationEvent(Topics.registryChanges, envelope)).toEqual([]);
    const external = { ...change, entry: { ...change.entry, appointmentUrl: 'https://pas.example/appointments/b1', source: 'external' } };
    expect(validateIntegrationEventData(contract, external)).toEqual([]);
  });

  it.each([
    ['an unknown change', { ...change, change: 'deleted' }, '/change'],
    ['a missing position', (({ position: _p, ...rest }) => rest)(change), '/'],
    ['an NHS number that is not ten digits', { ...change, entry: { ...change.entry, nhsNumber: '943 476 5919' } }, '/entry/nhsNumber'],
    ['a start that is no instant', { ...change, entry: { ...change.entry, start: '1 March 2030' } }, '/entry/start'],
    ['a version 0', { ...change, entry: { ...change.entry, version: 0 } }, '/entry/version'],
    ['a version that is no integer', { ...change, entry: { ...change.entry, version: 1.5 } }, '/entry/version'],
    ['a field the contract does not have', { ...change, entry: { ...change.entry, description: 'Blood test' } }, '/entry'],
  ])('refuses %s', (_what, broken, path) => {
    expect(paths(validateIntegrationEventData(contract, broken))).toContain(path);
  });

  it('checks the envelope: type and version as the contract fixes them, no unknown field, instants', () => {
    expect(validateIntegrationEvent(Topics.registryChanges, { ...envelope, version: 2 })).toEqual([
      'RegistryEntryChanged v2 on registry.changes.v1: no contract in libs/contracts/src/integration-events.ts',
    ]);
    expect(validateIntegrationEvent(Topics.slotEvents, envelope)).toHaveLength(1);
    expect(validateIntegrationEvent(Topics.registryChanges, { ...envelope, tenant: 'x' })).toEqual([
      'RegistryEntryChanged v1 on registry.changes.v1: / must NOT have additional properties: tenant',
    ]);
    expect(validateIntegrationEvent(Topics.registryChanges, { ...envelope, occurredAt: 'yesterday' })).toEqual([
      'RegistryEntryChanged v1 on registry.changes.v1: /occurredAt must match format "date-time"',
    ]);
  });

  it('checks a dead letter, and the event inside it against its own topic when it is a known one', () => {
    const deadLetter = (event: unknown) => ({
      ...envelope,
      id: 'dl1',
      type: DEAD_LETTER_EVENT_TYPE,
      data: { topic: Topics.registryChanges, key: '9434765919', groupId: 'hub', attempts: 3, error: 'boom', event },
    });
    expect(validateIntegrationEvent(`${Topics.registryChanges}.dlq`, deadLetter(envelope))).toEqual([]);
    expect(validateIntegrationEvent(`${Topics.registryChanges}.dlq`, deadLetter({ ...envelope, type: 'Poison', data: 'x' }))).toEqual([]);
    expect(validateIntegrationEvent(`${Topics.registryChanges}.dlq`, deadLetter({ ...envelope, data: { ...change, position: 7 } }))).toEqual([
      'dead letter: RegistryEntryChanged v1 on registry.changes.v1: /data/position must be string',
    ]);
  });

  it('checks the record key: the field of data its topic is keyed by; a dead letter keeps the key of what it holds', () => {
    expect(validateIntegrationMessage({ topic: Topics.registryChanges, key: '9434765919', event: envelope })).toEqual([]);
    expect(validateIntegrationMessage({ topic: Topics.registryChanges, key: 'b1', event: envelope })).toEqual([
      'RegistryEntryChanged v1 on registry.changes.v1: key b1, but entry.nhsNumber is 9434765919',
    ]);
    const deadLetter = { ...envelope, type: DEAD_LETTER_EVENT_TYPE, data: { topic: Topics.registryChanges, key: '9434765919', groupId: 'hub', attempts: 1, error: 'boom', event: envelope } };
    expect(validateIntegrationMessage({ topic: `${Topics.registryChanges}.dlq`, key: '9434765919', event: deadLetter })).toEqual([]);
    expect(validateIntegrationMessage({ topic: `${Topics.registryChanges}.dlq`, key: 'other', event: deadLetter })).toHaveLength(1);
  });
});
