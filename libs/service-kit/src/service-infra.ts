import { EventStore, EventTypeDeclaration, EventTypes, UpcastingEventStore } from '@app/eventstore';
import type { Bus, CheckpointStore, ProcessedMessageStore, SetAsideStore } from '@app/messaging';
import type { DocumentStore } from '@app/readmodel';

/** The adapters one service runs on; embedded and distributed mode differ only here. */
export interface ServiceInfra {
  service: string;
  store: EventStore;
  bus: Bus;
  documents: DocumentStore;
  /** Where the access records and the timeline live, shared by every service of the deployment; its opener closes it. */
  auditDocuments: DocumentStore;
  /** Durable relay checkpoints and processed-message ids. */
  checkpoints: CheckpointStore;
  processed: ProcessedMessageStore;
  /** Events the projections or the relay could not read, recorded as they move on. */
  setAside: SetAsideStore;
  /** Set when read models survive a restart (MongoDB); in-memory read models rebuild from the start instead. */
  readModelCheckpoints?: CheckpointStore;
  /** Closes what this service alone owns (not a bus shared with other services). */
  close(): Promise<void>;
}

/** The service's adapters with its event store seen through its event types: versions stamped on append, older ones upcast on read. */
export const withEventTypes = (infra: ServiceInfra, types: EventTypeDeclaration): ServiceInfra & { store: UpcastingEventStore } => ({
  ...infra,
  store: new UpcastingEventStore(infra.store, new EventTypes(types)),
});
