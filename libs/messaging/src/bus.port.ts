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

export interface SubscribeRequest {
  /** Consumer group: each group gets every message once; members of one group share the partitions. */
  groupId: string;
  topics: string[];
  handler: MessageHandler;
}

/**
 * The bus: at-least-once delivery, per-key order, manual acknowledgement after the handler's effect is stored,
 * bounded retries and then `<topic>.dlq`.
 */
export interface Bus {
  /** Resolves only once the bus has acknowledged every message (durably, for a broker). */
  publish(messages: OutgoingMessage[]): Promise<void>;
  subscribe(request: SubscribeRequest): Promise<void>;
  close(): Promise<void>;
}

export const deadLetterTopic = (topic: string): string => `${topic}.dlq`;

/** Retry policy shared by the adapters: attempts per message before it goes to the dead-letter topic. */
export interface RetryPolicy {
  maxAttempts: number;
  /** Delay before retry n (1-based) in ms. */
  backoffMs: (attempt: number) => number;
}

export const defaultRetryPolicy: RetryPolicy = {
  maxAttempts: 5,
  backoffMs: (attempt) => Math.min(50 * 2 ** (attempt - 1), 2000),
};
