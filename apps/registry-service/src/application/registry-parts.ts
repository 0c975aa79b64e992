import type { CommandHandler, EventStore } from '@app/eventstore';
import type { Collection } from '@app/readmodel';
import type { RecordPatientSearch, RegistryPatientSearched } from '../domain/patient-search';
import type { RegistryEntryCommand } from '../domain/registry-entry.commands';
import type { RegistryEntryState } from '../domain/registry-entry.decider';
import type { RegistryEntryEvent } from '../domain/registry-entry.events';
import type { PatientSearchView } from '../projections/access-log.projection';
import type { RegistryEntryView } from '../projections/registry-entry-view.projection';
import type { RegistryOptions } from './registry-options';

/** What every registry use case works with. */
export interface RegistryParts {
  store: EventStore;
  entries: CommandHandler<RegistryEntryCommand, RegistryEntryEvent, RegistryEntryState>;
  searches: CommandHandler<RecordPatientSearch, RegistryPatientSearched, { recorded: boolean }>;
  entryViews: Collection<RegistryEntryView>;
  accessLog: Collection<PatientSearchView>;
  options: RegistryOptions;
}
