import { Logger } from '@nestjs/common';
import { EventStore, RecordedEvent, Subscription, UnreadableEventError, eventByEvent } from '@app/eventstore';
import type { Bus, OutgoingMessage } from './bus.port';
import type { CheckpointStore } from './checkpoint-store.port';
import type { SetAsideStore } from './set-aside.port';

/** Maps a service's domain event to the integration events it publishes (none for internal ones). */
export type IntegrationMapper = (event: RecordedEvent) => OutgoingMessage[];

/**
 * Store, then publish: tails the service's event store from a durable checkpoint and publishes the mapped
 * integration events. The checkpoint moves only after the bus acknowledged, so a crash republishes (at least
 * once) and never skips; consumers are idempotent. An event it cannot read is set aside (recorded, visibly) and
 * the others go on.
 */
export class Relay {
  private subscription?: Subscription;
  private readonly logger: Logger;
  /** Read as written and upcast event by event, so an unreadable one is set aside rather than failing its batch. */
  private readonly source: ReturnType<typeof eventByEvent>;

  constructor(
    private readonly name: string,
    store: EventStore,
    private readonly bus: Bus,
    private readonly checkpoints: CheckpointStore,
    private readonly mapper: IntegrationMapper,
    private readonly setAside: SetAsideStore,
  ) {
    this.logger = new Logger(`Relay:${name}`);
    this.source = eventByEvent(store);
  }

  private get checkpointName(): string {
    return `relay:${this.name}`;
  }

  async start(): Promise<void> {
    const from = await this.checkpoints.load(this.checkpointName);
    this.subscription = this.source.store.subscribeToAll(
      async (events) => {
        const messages: OutgoingMessage[] = [];
        for (const event of events) messages.push(...(await this.map(event)));
        if (messages.length > 0) await this.bus.publish(messages);
        await this.checkpoints.save(this.checkpointName, events[events.length - 1].globalPosition);
      },
      { from, batchSize: 200, onError: (error) => this.logger.warn(`publishing failed, retrying: ${String(error)}`) },
    );
  }

  private async map(event: RecordedEvent): Promise<OutgoingMessage[]> {
    try {
      return this.mapper(this.source.read(event));
    } catch (error) {
      if (!(error instanceof UnreadableEventError)) throw error;
      this.logger.warn(`set aside event ${error.eventId} at ${event.globalPosition}: ${error.reason}`);
      const { eventId, type, version, reason } = error;
      await this.setAside.record({ service: this.name, component: 'relay', position: event.globalPosition, eventId, type, version, reason, at: new Date().toISOString() });
      return [];
    }
  }

  async stop(): Promise<void> {
    await this.subscription?.close();
  }
}
