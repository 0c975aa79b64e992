import type { RecordedEvent, SubscribeOptions, Subscription } from '../event-store.port';
import { deliverBatch, reportError, retryDelay, type RetryPolicy } from './deliver-batch';
import { WakeSignal } from './wake-signal';

export interface PollingOptions {
  /** How long to wait for a notification before reading again; catches appends made by other processes. */
  pollIntervalMs: number;
  retry: RetryPolicy;
}

/** Reads up to `limit` events after `from` (exclusive), in global order. */
export type PageReader = (from: string | undefined, limit: number) => RecordedEvent[] | Promise<RecordedEvent[]>;

export const defaultBatchSize = 100;

/**
 * A subscription that pulls pages: it catches up by reading until a page comes back empty, then waits for a
 * notification (an append in this process) or the poll interval, whichever comes first. One loop does all the
 * reading and handling, so handler calls are sequential, in order, and never skip or overlap.
 */
export class PollingSubscription implements Subscription {
  private closed = false;
  private readonly newEvents = new WakeSignal();
  private readonly closing = new WakeSignal();
  private readonly done: Promise<void>;

  constructor(
    private readonly readPage: PageReader,
    private readonly handler: (events: RecordedEvent[]) => Promise<void>,
    private readonly options: SubscribeOptions & PollingOptions,
  ) {
    this.done = this.run();
  }

  /** New events may be there: read now rather than at the next poll. */
  notify(): void {
    this.newEvents.wake();
  }

  async close(): Promise<void> {
    this.closed = true;
    this.newEvents.wake();
    this.closing.wake();
    await this.done;
  }

  private async run(): Promise<void> {
    // Start on a later tick: the first read must not run inside the caller's subscribe call.
    await Promise.resolve();
    const batchSize = Math.max(1, this.options.batchSize ?? defaultBatchSize);
    let checkpoint = this.options.from;
    let readFailures = 0;
    while (!this.closed) {
      let batch: RecordedEvent[];
      try {
        batch = await this.readPage(checkpoint, batchSize);
        readFailures = 0;
      } catch (error) {
        if (this.closed) return;
        reportError(this.options.onError, error);
        await this.closing.wait(retryDelay(readFailures++, this.options.retry));
        continue;
      }
      if (batch.length === 0) {
        await this.newEvents.wait(this.options.pollIntervalMs);
        continue;
      }
      const last = batch[batch.length - 1].globalPosition;
      const accepted = await deliverBatch(batch, this.handler, {
        isClosed: () => this.closed,
        onError: this.options.onError,
        retry: this.options.retry,
        pause: (ms) => this.closing.wait(ms),
      });
      if (!accepted) return;
      checkpoint = last;
    }
  }
}
