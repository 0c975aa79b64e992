import type { EventStore } from '@app/eventstore';
import type { Bus, CheckpointStore, ProcessedMessageStore, SetAsideStore } from '@app/messaging';
import type { DocumentStore } from '@app/readmodel';

/** The adapters one service runs on; embedded and distributed mode differ only here. */
export interface ServiceInfra {
  service: string;
  store: EventStore;
  bus: Bus;
  documents: DocumentStore;
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
