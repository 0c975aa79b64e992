import type { IntegrationMapper, MessageHandler } from '@app/messaging';
import { Relay, idempotent } from '@app/messaging';
import type { DeadlineScheduler } from './deadline-scheduler';
import { Projection, ProjectionRunner } from './projection-runner';
import type { ServiceInfra } from './service-infra';

export interface Consumer {
  /** Names the consumer group (`<service>.<name>`) and its processed-message records. */
  name: string;
  topics: string[];
  /** Event types the handler acts on; others are acknowledged without touching the processed-message store. */
  types: string[];
  handler: MessageHandler;
}

export interface ServiceParts {
  projections: Projection[];
  /** Domain events to integration events, published by the relay. */
  publish: IntegrationMapper;
  consumers: Consumer[];
  /** Deadlines the service fires; started once the read models (which hold the deadlines) caught up. */
  schedulers?: DeadlineScheduler<any>[];
}

/**
 * Runs a service's moving parts in order: read models caught up first (queries answer from complete data), then
 * consumers (wrapped so a redelivered message changes nothing). The relay starts separately, once every service
 * in the process has subscribed: the in-process bus keeps no messages for groups that are not there yet.
 */
export class ServiceRuntime {
  readonly projections: ProjectionRunner;
  private readonly relay: Relay;
  private started = false;

  constructor(
    readonly infra: ServiceInfra,
    private readonly parts: ServiceParts,
  ) {
    this.projections = new ProjectionRunner(infra.service, infra.store, parts.projections, infra.readModelCheckpoints);
    this.relay = new Relay(infra.service, infra.store, infra.bus, infra.checkpoints, parts.publish);
  }

  async start(): Promise<void> {
    await this.projections.start();
    for (const consumer of this.parts.consumers) {
      const groupId = `${this.infra.service}.${consumer.name}`;
      const handler = idempotent(groupId, this.infra.processed, consumer.handler);
      await this.infra.bus.subscribe({
        groupId,
        topics: consumer.topics,
        handler: async (message) => {
          if (consumer.types.includes(message.event.type)) await handler(message);
        },
      });
    }
    for (const scheduler of this.parts.schedulers ?? []) scheduler.start();
  }

  async startPublishing(): Promise<void> {
    await this.relay.start();
    this.started = true;
  }

  /** Up when started and the event store answers. */
  async healthy(): Promise<boolean> {
    if (!this.started) return false;
    try {
      await this.infra.store.readAll({ limit: 1 });
      return true;
    } catch {
      return false;
    }
  }

  async stop(): Promise<void> {
    this.started = false;
    await Promise.all((this.parts.schedulers ?? []).map((scheduler) => scheduler.stop()));
    await this.relay.stop();
    await this.projections.stop();
  }
}
