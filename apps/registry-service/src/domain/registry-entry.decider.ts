import { Decider, DomainError } from '@app/eventstore/decider';
import type { CancelEntry, ChangeSource, MarkEnteredInError, NewEntry, RecordEntry, RegistryEntryCommand } from './registry-entry.commands';
import type { RegistryEntry, RegistryEntryEvent } from './registry-entry.events';

export interface RegistryEntryState {
  entry?: RegistryEntry;
}

const appointmentFields: (keyof NewEntry)[] = ['appointmentId', 'appointmentUrl', 'nhsNumber', 'organisation', 'serviceType', 'start', 'end', 'supersedes', 'source'];

/** A repeat of the request that recorded the entry (what changed since, such as its status, does not count). */
const sameAppointment = (entry: RegistryEntry, asked: NewEntry): boolean => appointmentFields.every((field) => asked[field] === entry[field]);

/** The entry after a change: one version more, stamped with the change's time. */
const changed = (entry: RegistryEntry, at: Date, fields: Partial<RegistryEntry>): RegistryEntry => ({
  ...entry,
  ...fields,
  version: entry.version + 1,
  updatedAt: at.toISOString(),
});

/** A booking's entry follows its booking; only the provider's own entries change over the API. */
function requireChangeableBy(entry: RegistryEntry, by: ChangeSource): void {
  if (entry.source === 'booking' && by === 'external') {
    throw new DomainError('entry_managed_by_booking', `entry ${entry.id} follows its booking: change the appointment ${entry.appointmentId} instead`);
  }
}

function record(command: RecordEntry, state: RegistryEntryState): RegistryEntryEvent[] {
  const at = command.at.toISOString();
  if (!state.entry) {
    return [{ type: 'RegistryEntryCreated', data: { entry: { ...command.entry, status: 'booked', version: 1, createdAt: at, updatedAt: at } } }];
  }
  // A redelivered confirmation, or a provider repeating its request: the entry is already there.
  if (command.entry.source === 'booking' || sameAppointment(state.entry, command.entry)) return [];
  throw new DomainError('entry_exists', `appointment ${command.entry.appointmentId} of ${command.entry.organisation} is already recorded with other details`);
}

function cancel(command: CancelEntry, entry: RegistryEntry): RegistryEntryEvent[] {
  requireChangeableBy(entry, command.by);
  if (entry.status !== 'booked') {
    if (command.by === 'booking') return [];
    throw new DomainError('entry_not_booked', `entry ${entry.id} is ${entry.status}: only a booked entry can be cancelled`);
  }
  const fields = { status: 'cancelled' as const, ...(command.supersededBy ? { supersededBy: command.supersededBy } : {}) };
  return [{ type: 'RegistryEntryCancelled', data: { entry: changed(entry, command.at, fields), ...(command.reason ? { reason: command.reason } : {}) } }];
}

function markEnteredInError(command: MarkEnteredInError, entry: RegistryEntry): RegistryEntryEvent[] {
  requireChangeableBy(entry, command.by);
  if (entry.status === 'entered-in-error') return [];
  const data = { entry: changed(entry, command.at, { status: 'entered-in-error' }), ...(command.reason ? { reason: command.reason } : {}) };
  return [{ type: 'RegistryEntryEnteredInError', data }];
}

/**
 * One appointment in the registry. A change to an entry that does not exist is ignored: booking events of one
 * booking arrive in order, so only a booking that was never confirmed here (confirmed before the registry kept
 * entries) can send one, and there is nothing to point at. The API checks existence itself (404).
 */
export const registryEntryDecider: Decider<RegistryEntryCommand, RegistryEntryEvent, RegistryEntryState> = {
  initialState: {},
  decide: (command, state) => {
    if (command.type === 'RecordEntry') return record(command, state);
    const entry = state.entry;
    if (!entry) return [];
    switch (command.type) {
      case 'MoveEntry':
        if (entry.status !== 'booked' || (entry.start === command.start && entry.end === command.end)) return [];
        return [{ type: 'RegistryEntryUpdated', data: { entry: changed(entry, command.at, { start: command.start, end: command.end }) } }];
      case 'CancelEntry':
        return cancel(command, entry);
      case 'ExpireEntry':
        if (entry.status !== 'booked' || (command.end !== undefined && command.end !== entry.end)) return [];
        return [{ type: 'RegistryEntryExpired', data: { entry: changed(entry, command.at, { status: 'expired' }) } }];
      case 'MarkEnteredInError':
        return markEnteredInError(command, entry);
    }
  },
  evolve: (_state, event) => ({ entry: event.data.entry }),
};
