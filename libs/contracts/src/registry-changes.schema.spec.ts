import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { RegistryEntryChangedV1 } from './registry-events';
import { registryChangesSchema } from './registry-changes.schema';

const validate = addFormats(new Ajv2020({ allErrors: true, strict: true })).compile(registryChangesSchema());

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

describe('registry.changes.v1 JSON Schema', () => {
  it('accepts a change as the contract types describe it', () => {
    expect(validate(change)).toBe(true);
    expect(validate({ ...change, entry: { ...change.entry, appointmentUrl: 'https://pas.example/appointments/b1', source: 'external' } })).toBe(true);
  });

  it.each([
    ['an unknown change', { ...change, change: 'deleted' }, '/change'],
    ['a missing position', (({ position: _p, ...rest }) => rest)(change), ''],
    ['an NHS number that is not ten digits', { ...change, entry: { ...change.entry, nhsNumber: '943 476 5919' } }, '/entry/nhsNumber'],
    ['a start that is no instant', { ...change, entry: { ...change.entry, start: '1 March 2030' } }, '/entry/start'],
    ['a version 0', { ...change, entry: { ...change.entry, version: 0 } }, '/entry/version'],
    ['a field the contract does not have', { ...change, entry: { ...change.entry, description: 'Blood test' } }, '/entry'],
  ])('refuses %s', (_what, broken, path) => {
    expect(validate(broken)).toBe(false);
    expect(validate.errors?.map((error) => error.instancePath)).toContain(path);
  });
});
