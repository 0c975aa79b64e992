import type { RegistryEntry } from './registry-entry.events';

/** What a new entry says about the appointment; status, version and times are the registry's. */
export type NewEntry = Omit<RegistryEntry, 'status' | 'version' | 'createdAt' | 'updatedAt'>;

/** Who asks for a change: a booking's own story, or the provider over the registry API. */
export type ChangeSource = RegistryEntry['source'];

/** Record an appointment: from a confirmed booking, or a provider's external one. */
export interface RecordEntry {
  type: 'RecordEntry';
  entry: NewEntry;
  at: Date;
}

/** The appointment moved (a booking rescheduled). */
export interface MoveEntry {
  type: 'MoveEntry';
  start: string;
  end: string;
  at: Date;
}

export interface CancelEntry {
  type: 'CancelEntry';
  by: ChangeSource;
  reason?: string;
  /** The entry of the appointment that replaces this one (a rebook). */
  supersededBy?: string;
  at: Date;
}

/**
 * The appointment is over: attended, not attended, or past its end by the grace period. `end` is the end the
 * expiry was scheduled for: an entry that has moved since is not expired by its old deadline.
 */
export interface ExpireEntry {
  type: 'ExpireEntry';
  end?: string;
  at: Date;
}

/** The entry should never have existed (wrong patient, duplicate): kept for the record, shown as such. */
export interface MarkEnteredInError {
  type: 'MarkEnteredInError';
  by: ChangeSource;
  reason?: string;
  at: Date;
}

export type RegistryEntryCommand = RecordEntry | MoveEntry | CancelEntry | ExpireEntry | MarkEnteredInError;
