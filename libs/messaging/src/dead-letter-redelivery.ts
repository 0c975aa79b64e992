import { Logger } from '@nestjs/common';
import type { Bus } from './bus.port';
import { describeError } from './describe-error';
import type { SqliteDeadLetterStore } from './sqlite-dead-letter-store';

/**
 * Embedded mode: the dead-letters command runs in another process than the bus, so it only marks a letter
 * `retry-requested`; the platform looks every `everyMs` (and at start) and republishes each such letter's original
 * event to its original topic. Groups that handled the event before skip it (they recorded its id as processed);
 * the group that gave up did not record it, so it handles it again.
 */
export class DeadLetterRedelivery {
  private timer?: NodeJS.Timeout;
  private running: Promise<void> = Promise.resolve();
  private readonly logger = new Logger('DeadLetterRedelivery');

  constructor(
    private readonly store: SqliteDeadLetterStore,
    private readonly bus: Bus,
    private readonly everyMs: number,
  ) {}

  start(): void {
    const pass = () => {
      this.running = this.running
        .then(() => this.redeliver())
        .catch((error: unknown) => this.logger.error(`redelivering dead letters failed: ${describeError(error)}`));
    };
    pass();
    this.timer = setInterval(pass, this.everyMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  private async redeliver(): Promise<void> {
    for (const letter of await this.store.claimRetries()) {
      try {
        await this.bus.publish([{ topic: letter.topic, key: letter.key, event: letter.event }]);
        this.logger.log(`republished ${letter.event.type} ${letter.event.id} to ${letter.topic} (dead letter ${letter.id})`);
      } catch (error) {
        // The bus is closing: ask again, so the next start republishes it.
        await this.store.setStatus(letter.id, 'retry-requested');
        this.logger.warn(`could not republish dead letter ${letter.id}: ${describeError(error)}; it stays requested`);
      }
    }
  }
}
