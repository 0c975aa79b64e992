import type { EventEnvelope } from '@app/contracts';

/** An integration event on its way to a topic; the key keeps per-aggregate (or per-patient) order. */
export interface OutgoingMessage {
  topic: string;
  key: string;
  event: EventEnvelope;
}

/** A delivered integration event. */
export interface IncomingMessage {
  topic: string;
  key: string;
  event: EventEnvelope;
  /** How many times this delivery has been tried before (0 on the first try). */
  attempt: number;
}

export type MessageHandler = (message: IncomingMessage) => Promise<void>;

/** One `subscribe`: closing it stops taking messages and waits for the running handler. */
export interface BusSubscription {
  /**
   * Stops taking messages for this subscription and waits for its running handler. What it did not finish is
   * not acknowledged: a broker redelivers it to the group, the in-process bus rejects it to its publisher.
   */
  close(): Promise<void>;
}

export interface SubscribeRequest {
  /** Consumer group: each group gets every message once; members of one group share the partitions. */
  groupId: string;
  topics: string[];
  handler: MessageHandler;
}

/**
 * The bus: at-least-once delivery, per-key order, manual acknowledgement after the handler's effect is stored.
 * A handler that fails for good (see isUnprocessable) sends its message to `<topic>.dlq` at once; any other
 * failure is retried without limit, with capped backoff, holding back the messages behind it with the same key.
 */
export interface Bus {
  /** Resolves only once the bus has acknowledged every message (durably, for a broker). */
  publish(messages: OutgoingMessage[]): Promise<void>;
  subscribe(request: SubscribeRequest): Promise<BusSubscription>;
  close(): Promise<void>;
}

export const deadLetterTopic = (topic: string): string => `${topic}.dlq`;

/** Retry policy shared by the adapters: how long to wait before retrying a handler that failed (without limit). */
export interface RetryPolicy {
  /** Delay before retry n (1-based) in ms. */
  backoffMs: (attempt: number) => number;
}

/** Doubles from 50 ms up to 2 s: an outage is noticed within 2 s of its end, and a waiting partition costs little. */
export const defaultRetryPolicy: RetryPolicy = {
  backoffMs: (attempt) => Math.min(50 * 2 ** Math.min(attempt - 1, 16), 2000),
};
