import type { RegistryEntryV1 } from '@app/contracts';
import type { Decider, DomainEvent } from '@app/eventstore/decider';

/** A registry entry points at an appointment held by a provider; it is not the appointment itself. */
export type RegistryEntry = Omit<RegistryEntryV1, 'status'>;

export type RegistryEntryCreated = DomainEvent<'RegistryEntryCreated', RegistryEntry>;
export type RegistryEntryEvent = RegistryEntryCreated;

/** Record that a provider confirmed a booking for this patient. */
export interface CreateEntry {
  type: 'CreateEntry';
  entry: RegistryEntry;
}
export type RegistryEntryCommand = CreateEntry;

export interface RegistryEntryState {
  entry?: RegistryEntry;
  status?: RegistryEntryV1['status'];
}

export const registryEntryDecider: Decider<RegistryEntryCommand, RegistryEntryEvent, RegistryEntryState> = {
  initialState: {},
  // One entry per appointment: a redelivered confirmation finds it and adds nothing.
  decide: (command, state) => (state.entry ? [] : [{ type: 'RegistryEntryCreated', data: command.entry }]),
  evolve: (state, event) => (event.type === 'RegistryEntryCreated' ? { entry: event.data, status: 'booked' } : state),
};
