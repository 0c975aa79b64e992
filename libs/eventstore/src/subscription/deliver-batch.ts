import type { RecordedEvent } from '../event-store.port';

/** Delays between attempts after a failure: doubling from `minDelayMs`, capped at `maxDelayMs`. */
export interface RetryPolicy {
  minDelayMs: number;
  maxDelayMs: number;
}

export const defaultRetryPolicy: RetryPolicy = { minDelayMs: 100, maxDelayMs: 5_000 };

export const retryDelay = (failures: number, policy: RetryPolicy): number =>
  Math.min(policy.maxDelayMs, policy.minDelayMs * 2 ** Math.min(failures, 30));

/** Tells the subscriber about an error; never lets a faulty onError break the subscription loop. */
export const reportError = (onError: ((error: unknown) => void) | undefined, error: unknown): void => {
  try {
    if (onError) onError(error);
    // Without a listener a failing handler would otherwise retry forever in silence.
    else console.error('event store subscription error (will retry):', error);
  } catch {
    // The listener's own failure must not stop delivery.
  }
};

export interface DeliveryContext {
  isClosed(): boolean;
  onError?: (error: unknown) => void;
  retry: RetryPolicy;
  /** Waits between attempts; ends early when the subscription closes. */
  pause(ms: number): Promise<void>;
}

/**
 * Hands one batch to the handler until it accepts it: a failure is reported and the SAME batch is retried after a
 * backoff, so the checkpoint never moves past events the handler has not taken. False if closed before success.
 */
export const deliverBatch = async (
  batch: RecordedEvent[],
  handler: (events: RecordedEvent[]) => Promise<void>,
  context: DeliveryContext,
): Promise<boolean> => {
  for (let failures = 0; ; failures++) {
    if (context.isClosed()) return false;
    try {
      await handler(batch);
      return true;
    } catch (error) {
      reportError(context.onError, error);
      await context.pause(retryDelay(failures, context.retry));
    }
  }
};
