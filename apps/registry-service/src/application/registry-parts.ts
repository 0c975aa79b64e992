import type { CommandHandler, EventStore } from '@app/eventstore';
import type { Collection } from '@app/readmodel';
import type { AccessRecordView } from '@app/service-kit';
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
  entryViews: Collection<RegistryEntryView>;
  /** Patient searches recorded by release 0.1 (RegistryPatientSearched). */
  accessLog: Collection<PatientSearchView>;
  /** Every request of the deployment, as the access audit recorded it: the searches among them are the access log. */
  accessRecords: Collection<AccessRecordView>;
  options: RegistryOptions;
}
