import type { RecordedEvent, SubscribeOptions, Subscription } from '../event-store.port';
import { deliverBatch, reportError, retryDelay, type RetryPolicy } from './deliver-batch';
import { defaultBatchSize } from './polling-subscription';
import { WakeSignal } from './wake-signal';

/** Where a push subscription sends what the server streams to it. */
export interface FeedSink {
  event(event: RecordedEvent): void;
  /** The feed broke (or ended); it will not send more. */
  failed(error: unknown): void;
}

/** A live connection to a server-side subscription. */
export interface FeedConnection {
  /** Stop sending for now (backpressure); `resume` continues. */
  pause(): void;
  resume(): void;
  stop(): Promise<void>;
}

/** Opens a server-side subscription delivering the events after `from` (exclusive; undefined: from the start). */
export type Feed = (from: string | undefined, sink: FeedSink) => FeedConnection;

export interface StreamingOptions {
  retry: RetryPolicy;
  /** Events buffered before the feed is paused. */
  highWaterMark?: number;
}

/**
 * Turns a push feed into sequential batches. Events queue as they arrive; one loop takes up to batchSize at a
 * time and hands them to the handler, so the handler is never called concurrently and batches follow the feed's
 * order. While the handler is slow the queue grows to highWaterMark, then the feed is paused. If the feed
 * breaks, queued events are dropped and a new feed starts after the last event taken into a batch: nothing is
 * skipped, nothing delivered twice.
 */
export class StreamingSubscription implements Subscription {
  private closed = false;
  private queue: RecordedEvent[] = [];
  private paused = false;
  /** Position of the last event taken from the queue into a batch. */
  private taken: string | undefined;
  private connection?: FeedConnection;
  /** Bumped on every reconnect so a dead feed's late callbacks are ignored. */
  private generation = 0;
  private feedFailures = 0;
  private reconnectTimer?: NodeJS.Timeout;
  private readonly arrived = new WakeSignal();
  private readonly closing = new WakeSignal();
  private readonly batchSize: number;
  private readonly highWaterMark: number;
  private readonly done: Promise<void>;

  constructor(
    private readonly feed: Feed,
    private readonly handler: (events: RecordedEvent[]) => Promise<void>,
    private readonly options: SubscribeOptions & StreamingOptions,
  ) {
    this.batchSize = Math.max(1, options.batchSize ?? defaultBatchSize);
    this.highWaterMark = Math.max(this.batchSize, options.highWaterMark ?? this.batchSize * 4);
    this.taken = options.from;
    this.connect();
    this.done = this.run();
  }

  async close(): Promise<void> {
    if (this.closed) return this.done;
    this.closed = true;
    this.generation++;
    clearTimeout(this.reconnectTimer);
    this.arrived.wake();
    this.closing.wake();
    const connection = this.connection;
    this.connection = undefined;
    await Promise.all([this.done, connection?.stop().catch(() => undefined)]);
  }

  private connect(): void {
    const generation = ++this.generation;
    const current = () => generation === this.generation && !this.closed;
    try {
      const connection = this.feed(this.taken, {
        event: (event) => {
          if (!current()) return;
          this.feedFailures = 0;
          this.queue.push(event);
          if (!this.paused && this.queue.length >= this.highWaterMark) {
            this.paused = true;
            this.connection?.pause();
          }
          this.arrived.wake();
        },
        failed: (error) => {
          if (current()) this.reconnectAfter(error);
        },
      });
      // The feed may have failed (and a reconnect been scheduled) before it even returned.
      if (!current()) {
        void connection.stop().catch(() => undefined);
        return;
      }
      this.connection = connection;
      if (this.paused) connection.pause();
    } catch (error) {
      this.reconnectAfter(error);
    }
  }

  private reconnectAfter(error: unknown): void {
    reportError(this.options.onError, error);
    this.generation++;
    void this.connection?.stop().catch(() => undefined);
    this.connection = undefined;
    this.queue = [];
    this.paused = false;
    this.reconnectTimer = setTimeout(() => {
      if (!this.closed) this.connect();
    }, retryDelay(this.feedFailures++, this.options.retry));
  }

  private async run(): Promise<void> {
    while (!this.closed) {
      if (this.queue.length === 0) {
        await this.arrived.wait();
        continue;
      }
      const batch = this.queue.splice(0, this.batchSize);
      if (this.paused && this.queue.length <= this.highWaterMark / 2) {
        this.paused = false;
        this.connection?.resume();
      }
      this.taken = batch[batch.length - 1].globalPosition;
      const accepted = await deliverBatch(batch, this.handler, {
        isClosed: () => this.closed,
        onError: this.options.onError,
        retry: this.options.retry,
        pause: (ms) => this.closing.wait(ms),
      });
      if (!accepted) return;
    }
  }
}
