import { eventByEvent } from '@app/eventstore';
import type { BusSubscription, IntegrationMapper, MessageHandler } from '@app/messaging';
import { Relay, UnprocessableMessageError, idempotent } from '@app/messaging';
import type { DeadlineScheduler } from './deadline-scheduler';
import { AppointmentIdsOf, TimelineProjection, timelineItems } from './audit/timeline.projection';
import type { ServiceHealth } from './health.controller';
import { Projection, ProjectionRunner } from './projection-runner';
import type { ServiceInfra } from './service-infra';

export interface Consumer {
  /** Names the consumer group (`<service>.<name>`) and its processed-message records. */
  name: string;
  topics: string[];
  /** Event types the handler acts on; others are acknowledged without touching the processed-message store. */
  types: string[];
  /** Versions of those types the handler reads (default [1]); another version is unprocessable (dead-lettered). */
  versions?: number[];
  handler: MessageHandler;
}

export interface ServiceParts {
  projections: Projection[];
  /** The appointments an event of the service concerns: its steps in the auditors' timeline. */
  appointmentIdsOf: AppointmentIdsOf;
  /** Domain events to integration events, published by the relay. */
  publish: IntegrationMapper;
  consumers: Consumer[];
  /** Deadlines the service fires; started once the read models (which hold the deadlines) caught up. */
  schedulers?: DeadlineScheduler<any>[];
}

/**
 * Runs a service's moving parts in order: read models caught up first (queries answer from complete data), then
 * consumers (wrapped so a redelivered message changes nothing), then deadline schedulers. The relay starts
 * separately, once every service in the process has subscribed: the in-process bus keeps no messages for groups
 * that are not there yet. Stopping goes the other way round, consumers first: nothing may still be handling a
 * message when the stores close (the service closes them after `stop()`).
 */
export class ServiceRuntime {
  readonly projections: ProjectionRunner;
  private readonly relay: Relay;
  private subscriptions: BusSubscription[] = [];
  private started = false;

  constructor(
    readonly infra: ServiceInfra,
    private readonly parts: ServiceParts,
  ) {
    const timeline = new TimelineProjection(infra.service, timelineItems(infra.auditDocuments), parts.appointmentIdsOf);
    this.projections = new ProjectionRunner(infra.service, infra.store, [...parts.projections, timeline], { checkpoints: infra.readModelCheckpoints, setAside: infra.setAside });
    this.relay = new Relay(infra.service, infra.store, infra.bus, infra.checkpoints, parts.publish, infra.setAside);
  }

  async start(): Promise<void> {
    await this.projections.start();
    for (const consumer of this.parts.consumers) {
      const groupId = `${this.infra.service}.${consumer.name}`;
      const handler = idempotent(groupId, this.infra.processed, consumer.handler);
      const versions = consumer.versions ?? [1];
      const subscription = await this.infra.bus.subscribe({
        groupId,
        topics: consumer.topics,
        handler: async (message) => {
          const { type, version } = message.event;
          if (!consumer.types.includes(type)) return;
          if (!versions.includes(version)) {
            throw new UnprocessableMessageError(`${groupId} reads ${type} version ${versions.join(' or ')}, not version ${String(version)}`);
          }
          await handler(message);
        },
      });
      this.subscriptions.push(subscription);
    }
    for (const scheduler of this.parts.schedulers ?? []) scheduler.start();
  }

  async startPublishing(): Promise<void> {
    await this.relay.start();
    this.started = true;
  }

  /**
   * Up when started and the event store answers; with the count of events set aside (unreadable here), which
   * shows a problem without taking the service down. The count is left out when its store does not answer.
   */
  async health(): Promise<ServiceHealth> {
    const [up, setAside] = await Promise.all([this.storeAnswers(), this.infra.setAside.count().catch(() => undefined)]);
    return { up, setAside };
  }

  private async storeAnswers(): Promise<boolean> {
    if (!this.started) return false;
    try {
      await eventByEvent(this.infra.store).store.readAll({ limit: 1 });
      return true;
    } catch {
      return false;
    }
  }

  /** Consumers first (their running handlers finish), then schedulers, the relay and the projections. */
  async stop(): Promise<void> {
    this.started = false;
    await Promise.all(this.subscriptions.splice(0).map((subscription) => subscription.close()));
    await Promise.all((this.parts.schedulers ?? []).map((scheduler) => scheduler.stop()));
    await this.relay.stop();
    await this.projections.stop();
  }
}
