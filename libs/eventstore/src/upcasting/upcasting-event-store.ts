import type { AppendResult, EventStore, ExpectedRevision, NewEvent, RecordedEvent, SubscribeOptions, Subscription } from '../event-store.port';
import type { EventTypes } from './event-types';

/**
 * A service's event store as its code sees it: appends are stamped with each type's current version, and every
 * read hands out events upcast to that version, so `evolve`, projections and mappers know one shape per type.
 * An event it cannot read (unknown type, newer version) throws UnreadableEventError; a reader that must go on
 * past one reads `raw` and upcasts event by event. `raw` is the store as written: for history, export and audit.
 */
export class UpcastingEventStore implements EventStore {
  constructor(
    readonly raw: EventStore,
    readonly types: EventTypes,
  ) {}

  async append(streamId: string, events: NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    return this.raw.append(streamId, events.map((event) => ({ ...event, version: this.types.versionOf(event.type) })), expected);
  }

  upcast = (event: RecordedEvent): RecordedEvent => this.types.upcast(event);

  async readStream(streamId: string, options?: { fromRevision?: number }): Promise<RecordedEvent[]> {
    return (await this.raw.readStream(streamId, options)).map(this.upcast);
  }

  async readAll(options?: { from?: string; limit?: number }): Promise<RecordedEvent[]> {
    return (await this.raw.readAll(options)).map(this.upcast);
  }

  /** A batch with an unreadable event is not delivered: the error goes to `onError` and the batch is tried again. */
  subscribeToAll(handler: (events: RecordedEvent[]) => Promise<void>, options?: SubscribeOptions): Subscription {
    return this.raw.subscribeToAll((events) => handler(events.map(this.upcast)), options);
  }

  close(): Promise<void> {
    return this.raw.close();
  }
}

/**
 * How a reader of the whole store reads it so that one unreadable event does not stop it: the raw store, and the
 * upcast to apply event by event (where the reader can set a failing one aside). A plain store reads as written.
 */
export const eventByEvent = (store: EventStore): { store: EventStore; read: (event: RecordedEvent) => RecordedEvent } =>
  store instanceof UpcastingEventStore ? { store: store.raw, read: store.upcast } : { store, read: (event) => event };
