import { given } from '@app/eventstore/testing/given-when-then';
import { storedAs } from '@app/eventstore/testing/stored-as';
import { registryEventTypes } from './registry-event-types';
import type { NewEntry } from './registry-entry.commands';
import { registryEntryDecider } from './registry-entry.decider';
import type { RegistryEntry, RegistryEntryEvent } from './registry-entry.events';

const created = new Date('2030-02-01T10:00:00.000Z');
const later = new Date('2030-02-02T10:00:00.000Z');

const fromBooking: NewEntry = {
  id: 'e1',
  appointmentId: 'b1',
  appointmentUrl: '/appointments/b1',
  nhsNumber: '9434765919',
  organisation: 'A81001',
  serviceType: 'phlebotomy',
  start: '2030-03-01T09:00:00.000Z',
  end: '2030-03-01T09:10:00.000Z',
  source: 'booking',
};
const external: NewEntry = { ...fromBooking, id: 'x1', appointmentId: 'ext-7', appointmentUrl: 'https://provider.example/appointments/ext-7', source: 'external' };

const booked = (entry: NewEntry): RegistryEntry => ({ ...entry, status: 'booked', version: 1, createdAt: created.toISOString(), updatedAt: created.toISOString() });
const createdEvent = (entry: NewEntry): RegistryEntryEvent => ({ type: 'RegistryEntryCreated', data: { entry: booked(entry) } });
const after = (entry: NewEntry, fields: Partial<RegistryEntry>): RegistryEntry => ({ ...booked(entry), ...fields, version: 2, updatedAt: later.toISOString() });

describe('registry entry decider', () => {
  describe('recording', () => {
    it('creates a booked entry, version 1', () =>
      given(registryEntryDecider, []).when({ type: 'RecordEntry', entry: fromBooking, at: created }).then([createdEvent(fromBooking)]));
    it('a redelivered confirmation adds nothing', () =>
      given(registryEntryDecider, [createdEvent(fromBooking)]).when({ type: 'RecordEntry', entry: fromBooking, at: later }).then([]));
    it('a provider repeating the same request adds nothing', () =>
      given(registryEntryDecider, [createdEvent(external)]).when({ type: 'RecordEntry', entry: { ...external }, at: later }).then([]));
    it('other details for an appointment already recorded are refused', () =>
      given(registryEntryDecider, [createdEvent(external)])
        .when({ type: 'RecordEntry', entry: { ...external, start: '2030-03-02T09:00:00.000Z' }, at: later })
        .thenFails('entry_exists'));
    it('reads a created event as the first release stored it (v1, flat), upcast', () =>
      given(registryEntryDecider, [
        storedAs<RegistryEntryEvent>(registryEventTypes, 'RegistryEntryCreated', 1, {
          entryId: 'e1',
          nhsNumber: '9434765919',
          appointmentId: 'b1',
          organisation: 'A81001',
          serviceType: 'phlebotomy',
          start: fromBooking.start,
          end: fromBooking.end,
        }),
      ])
        .when({ type: 'CancelEntry', by: 'booking', at: later })
        .then([{ type: 'RegistryEntryCancelled', data: { entry: { ...after(fromBooking, { status: 'cancelled' }), createdAt: '' } } }]));
  });

  describe('following its booking', () => {
    it('moves with a reschedule', () =>
      given(registryEntryDecider, [createdEvent(fromBooking)])
        .when({ type: 'MoveEntry', start: '2030-03-05T09:00:00.000Z', end: '2030-03-05T09:10:00.000Z', at: later })
        .then([{ type: 'RegistryEntryUpdated', data: { entry: after(fromBooking, { start: '2030-03-05T09:00:00.000Z', end: '2030-03-05T09:10:00.000Z' }) } }]));
    it('a move to where it already is changes nothing', () =>
      given(registryEntryDecider, [createdEvent(fromBooking)]).when({ type: 'MoveEntry', start: fromBooking.start, end: fromBooking.end, at: later }).then([]));
    it('is cancelled, pointing at the entry that replaces it', () =>
      given(registryEntryDecider, [createdEvent(fromBooking)])
        .when({ type: 'CancelEntry', by: 'booking', reason: 'superseded', supersededBy: 'e2', at: later })
        .then([{ type: 'RegistryEntryCancelled', data: { entry: after(fromBooking, { status: 'cancelled', supersededBy: 'e2' }), reason: 'superseded' } }]));
    it('a cancellation of a cancelled entry changes nothing', () =>
      given(registryEntryDecider, [createdEvent(fromBooking), { type: 'RegistryEntryCancelled', data: { entry: after(fromBooking, { status: 'cancelled' }) } }])
        .when({ type: 'CancelEntry', by: 'booking', at: later })
        .then([]));
    it('expires when attended (no end named)', () =>
      given(registryEntryDecider, [createdEvent(fromBooking)])
        .when({ type: 'ExpireEntry', at: later })
        .then([{ type: 'RegistryEntryExpired', data: { entry: after(fromBooking, { status: 'expired' }) } }]));
    it('ignores changes to an entry it never recorded', () =>
      given(registryEntryDecider, []).when({ type: 'CancelEntry', by: 'booking', at: later }).then([]));
  });

  describe('expiry sweep', () => {
    it('expires a booked entry at the end it was scheduled for', () =>
      given(registryEntryDecider, [createdEvent(fromBooking)])
        .when({ type: 'ExpireEntry', end: fromBooking.end, at: later })
        .then([{ type: 'RegistryEntryExpired', data: { entry: after(fromBooking, { status: 'expired' }) } }]));
    it('does not expire an entry that moved since the deadline was set', () =>
      given(registryEntryDecider, [createdEvent(fromBooking), { type: 'RegistryEntryUpdated', data: { entry: after(fromBooking, { end: '2030-04-01T09:10:00.000Z' }) } }])
        .when({ type: 'ExpireEntry', end: fromBooking.end, at: later })
        .then([]));
    it('does not expire a cancelled entry', () =>
      given(registryEntryDecider, [createdEvent(fromBooking), { type: 'RegistryEntryCancelled', data: { entry: after(fromBooking, { status: 'cancelled' }) } }])
        .when({ type: 'ExpireEntry', end: fromBooking.end, at: later })
        .then([]));
  });

  describe('provider changes', () => {
    it('cancels its own external entry', () =>
      given(registryEntryDecider, [createdEvent(external)])
        .when({ type: 'CancelEntry', by: 'external', reason: 'patient called', at: later })
        .then([{ type: 'RegistryEntryCancelled', data: { entry: after(external, { status: 'cancelled' }), reason: 'patient called' } }]));
    it('cannot cancel an entry that is not booked', () =>
      given(registryEntryDecider, [createdEvent(external), { type: 'RegistryEntryExpired', data: { entry: after(external, { status: 'expired' }) } }])
        .when({ type: 'CancelEntry', by: 'external', at: later })
        .thenFails('entry_not_booked'));
    it('marks an entry entered in error, whatever its status', () =>
      given(registryEntryDecider, [createdEvent(external), { type: 'RegistryEntryCancelled', data: { entry: after(external, { status: 'cancelled' }) } }])
        .when({ type: 'MarkEnteredInError', by: 'external', reason: 'wrong patient', at: later })
        .then([{ type: 'RegistryEntryEnteredInError', data: { entry: { ...after(external, { status: 'entered-in-error' }), version: 3 }, reason: 'wrong patient' } }]));
    it('cannot change a booking’s entry over the API', () => {
      given(registryEntryDecider, [createdEvent(fromBooking)]).when({ type: 'CancelEntry', by: 'external', at: later }).thenFails('entry_managed_by_booking');
      given(registryEntryDecider, [createdEvent(fromBooking)]).when({ type: 'MarkEnteredInError', by: 'external', at: later }).thenFails('entry_managed_by_booking');
    });
  });
});
