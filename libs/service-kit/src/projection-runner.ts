import { Logger } from '@nestjs/common';
import { EventEmitter } from 'node:events';
import { EventStore, RecordedEvent, Subscription, compareGlobalPositions } from '@app/eventstore';
import type { CheckpointStore } from '@app/messaging';

/** A read model fed from the service's own events; `apply` must be idempotent (replays happen). */
export interface Projection {
  apply(event: RecordedEvent): Promise<void>;
}

/**
 * Feeds projections from the service's event store: catches up fully on start (so queries answer from a
 * complete read model), then follows live. Callers can wait until a position is applied (read your writes).
 */
export class ProjectionRunner {
  private readonly logger = new Logger('Projections');
  private readonly applied = new EventEmitter().setMaxListeners(0);
  private position?: string;
  private subscription?: Subscription;

  constructor(
    private readonly name: string,
    private readonly store: EventStore,
    private readonly projections: Projection[],
    /** Durable read models keep a checkpoint; in-memory ones rebuild from the start. */
    private readonly checkpoints?: CheckpointStore,
  ) {}

  private get checkpointName(): string {
    return `projection:${this.name}`;
  }

  async start(): Promise<void> {
    this.position = await this.checkpoints?.load(this.checkpointName);
    for (;;) {
      const page = await this.store.readAll({ from: this.position, limit: 1000 });
      if (page.length === 0) break;
      await this.applyBatch(page);
    }
    this.subscription = this.store.subscribeToAll((events) => this.applyBatch(events), {
      from: this.position,
      batchSize: 500,
      onError: (error) => this.logger.error(`projection ${this.name} failed, retrying: ${String(error)}`),
    });
  }

  private async applyBatch(events: RecordedEvent[]): Promise<void> {
    for (const event of events) {
      for (const projection of this.projections) await projection.apply(event);
    }
    this.position = events[events.length - 1].globalPosition;
    await this.checkpoints?.save(this.checkpointName, this.position);
    this.applied.emit('applied', this.position);
  }

  private reached(position: string): boolean {
    return this.position !== undefined && compareGlobalPositions(this.position, position) >= 0;
  }

  /** Resolves once every event up to `position` is in the read models, or rejects after `timeoutMs`. */
  waitFor(position: string, timeoutMs = 5000): Promise<void> {
    return this.waitUntil(() => this.reached(position), timeoutMs).then((ok) => {
      if (!ok) throw new Error(`projection ${this.name} did not reach ${position} within ${timeoutMs} ms`);
    });
  }

  /** Re-checks `condition` after every applied batch; resolves true when it holds, false at the deadline. */
  waitUntil(condition: () => boolean | Promise<boolean>, timeoutMs: number): Promise<boolean> {
    return new Promise((resolve) => {
      let settled = false;
      const finish = (result: boolean) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        this.applied.off('applied', check);
        resolve(result);
      };
      // A failing condition counts as "not yet"; the deadline still answers.
      const check = () =>
        void Promise.resolve()
          .then(condition)
          .then((ok) => ok && finish(true), () => undefined);
      const timer = setTimeout(() => finish(false), timeoutMs);
      this.applied.on('applied', check);
      check();
    });
  }

  async stop(): Promise<void> {
    await this.subscription?.close();
  }
}
