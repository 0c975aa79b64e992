import { Logger } from '@nestjs/common';
import type { Collection } from '@app/readmodel';

/** Something that must happen at `due` unless resolved before (a projection deletes it then). */
export interface Deadline {
  id: string;
  /** An instant as `Date.toISOString()` gives it, so instants compare as strings. */
  due: string;
}

export interface DeadlineSchedulerOptions {
  /** How often due deadlines are looked for. Default 1 000 ms. */
  pollIntervalMs?: number;
  /** Most deadlines fired in one tick; the rest wait for the next. Default 500. */
  batchSize?: number;
  logger?: Pick<Logger, 'warn'>;
}

/**
 * Fires deadlines that fell due. The deadlines are a read model the service's projection keeps (put when a
 * deadline is set, deleted when it is resolved or fired), so they survive a restart. A deadline is fired on
 * every tick until the projection deletes it: `fire` must be idempotent (a command whose id derives from the
 * deadline id). A failing fire is logged and tried again on the next tick; the others go on.
 */
export class DeadlineScheduler<T extends Deadline> {
  private readonly pollIntervalMs: number;
  private readonly batchSize: number;
  private readonly logger: Pick<Logger, 'warn'>;
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private started = false;
  /** Set by stop(): a running tick fires nothing more. */
  private stopping = false;

  constructor(
    readonly name: string,
    private readonly deadlines: Collection<T>,
    private readonly fire: (deadline: T, now: Date) => Promise<void>,
    options: DeadlineSchedulerOptions = {},
  ) {
    this.pollIntervalMs = options.pollIntervalMs ?? 1_000;
    this.batchSize = options.batchSize ?? 500;
    this.logger = options.logger ?? new Logger(`Deadlines:${name}`);
  }

  /** Looks at once, then every poll interval (a tick never overlaps the previous one). */
  start(): void {
    if (this.started) return;
    this.started = true;
    this.stopping = false;
    if (!this.running) this.schedule(0);
  }

  /** No more ticks; waits for a running one, which stops before its next fire. */
  async stop(): Promise<void> {
    this.started = false;
    this.stopping = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** Fires every deadline due at `now`, in due order. */
  async tick(now: Date = new Date()): Promise<void> {
    let due: T[];
    try {
      due = await this.deadlines.find({ due: { $lte: now.toISOString() } }, { sort: { due: 1 }, limit: this.batchSize });
    } catch (error) {
      this.logger.warn(`${this.name}: looking for due deadlines failed, trying again later: ${String(error)}`);
      return;
    }
    for (const deadline of due) {
      if (this.stopping) return;
      try {
        await this.fire(deadline, now);
      } catch (error) {
        this.logger.warn(`${this.name}: deadline ${deadline.id} (due ${deadline.due}) failed, trying again later: ${String(error)}`);
      }
    }
  }

  private schedule(delayMs: number): void {
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.running = this.tick().finally(() => {
        this.running = undefined;
        if (this.started && !this.timer) this.schedule(this.pollIntervalMs);
      });
    }, delayMs);
  }
}
