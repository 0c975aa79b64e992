import type { Writable } from 'node:stream';
import { Presets, SingleBar } from 'cli-progress';

/** A progress bar on stderr (events, events/s, time left) and the counts the summary gives. */
export class ReplayProgress {
  events = 0;
  private readonly startedAt = performance.now();
  /** Set when the rebuild is done: what follows (a verification, the swap) is not the replay's time. */
  private finishedAt?: number;
  private readonly bar: SingleBar;

  /** `total` is the store's event count when it can be had cheaply; without it the bar grows with what is read. */
  constructor(
    private readonly total: number | undefined,
    stream: Writable,
  ) {
    this.bar = new SingleBar(
      { format: 'replay |{bar}| {percentage}% | {value}/{total} events | {rate} events/s | ETA {eta_formatted}', stream: stream as NodeJS.WritableStream, etaBuffer: 50 },
      Presets.shades_classic,
    );
    this.bar.start(total ?? 0, 0, { rate: 0 });
  }

  page = (events: { length: number }): void => {
    this.events += events.length;
    if (this.total === undefined || this.events > this.total) this.bar.setTotal(this.events);
    this.bar.update(this.events, { rate: Math.round(this.rate) });
  };

  finished = (): void => {
    this.finishedAt ??= performance.now();
  };

  get seconds(): number {
    return ((this.finishedAt ?? performance.now()) - this.startedAt) / 1000;
  }

  get rate(): number {
    return this.events / Math.max(this.seconds, 1e-3);
  }

  stop(): void {
    this.bar.stop();
  }
}
