import { describeError } from './describe-error';
import { isUnprocessable } from './unprocessable';

export type HandlingOutcome =
  | { kind: 'handled' }
  /** Failed for good: goes to the dead letters. */
  | { kind: 'unprocessable'; error: unknown; attempts: number }
  /** The subscription or bus is closing: not acknowledged, so it is delivered again later. */
  | { kind: 'interrupted' };

export interface RetryLoop {
  /** Delay before retry n (1-based), ms. */
  backoffMs(attempt: number): number;
  /** A sleep that closing cuts short. */
  sleep(ms: number): Promise<void>;
  stopping(): boolean;
  /** Told about failures worth a log line: the first, then every tenth. */
  onRetry(error: string, attempts: number): void;
}

/**
 * Runs one message's handler until it succeeds, fails for good (see isUnprocessable), or the consumer closes.
 * A passing failure is retried without limit: the message's partition (or lane) waits on it, others go on.
 */
export async function handleUntilDone(handle: (attempt: number) => Promise<void>, loop: RetryLoop): Promise<HandlingOutcome> {
  for (let attempt = 0; ; attempt++) {
    if (loop.stopping()) return { kind: 'interrupted' };
    try {
      await handle(attempt);
      return { kind: 'handled' };
    } catch (error) {
      if (isUnprocessable(error)) return { kind: 'unprocessable', error, attempts: attempt + 1 };
      if (loop.stopping()) return { kind: 'interrupted' };
      const attempts = attempt + 1;
      if (attempts === 1 || attempts % 10 === 0) loop.onRetry(describeError(error), attempts);
      await loop.sleep(loop.backoffMs(attempts));
    }
  }
}
