import { defaultRetryPolicy, type RetryPolicy } from './bus.port';

export interface KafkaBusLogger {
  log(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export interface KafkaBusOptions {
  brokers: string[];
  clientId: string;
  /** Partitions of the topics the bus creates. Default 3. */
  partitions?: number;
  /** Replication factor of the topics the bus creates; -1 takes the broker's default.replication.factor. Default -1. */
  replicationFactor?: number;
  retryPolicy?: RetryPolicy;
  /** Topics (their `.dlq` too) created by `start()`. Topics used by publish/subscribe are created on first use anyway. */
  topics?: string[];
  /** Consumer group session timeout (ms). Default 15 000 (brokers accept ≥ 6 000 by default). */
  sessionTimeoutMs?: number;
  /** Default 1 000; must not exceed the session timeout. */
  heartbeatIntervalMs?: number;
  /** How long the coordinator waits for members to rejoin in a rebalance (ms). Default 30 000, ≥ session timeout. */
  rebalanceTimeoutMs?: number;
  /**
   * How long `subscribe()` waits for its consumer to be ready (ms): joined to the group, holding its partition
   * assignment and knowing the offsets it starts from. Past that it logs a warning and resolves anyway. Default 30 000.
   */
  readyTimeoutMs?: number;
  /** Longest a fetch waits on the broker for data (ms). Default 500. */
  maxWaitTimeMs?: number;
  /** Messages fetched but not yet handled, per subscription, before fetching pauses. Default 1 000. */
  maxBufferedMessages?: number;
  /** Handled messages of one partition acknowledged with one commit when more are queued behind them. Default 50. */
  commitEvery?: number;
  /** How long close() waits for running handlers before leaving the group anyway (ms). Default 10 000. */
  closeTimeoutMs?: number;
  /**
   * How many times the producer retries a produce (and each metadata lookup it needs) before `publish` fails, and
   * how long it waits between tries (ms). Defaults 10 and 500: with the broker away, `publish` fails after about
   * 5 s (its caller, the relay, retries the same batch with backoff and can be stopped meanwhile) instead of
   * retrying forever, which @platformatic/kafka does for an idempotent producer given no limit.
   */
  publishRetries?: number;
  publishRetryDelayMs?: number;
  logger?: KafkaBusLogger;
}

/** The options with every default filled in. */
export type KafkaBusSettings = Required<Omit<KafkaBusOptions, 'logger'>>;

export const kafkaBusSettings = (options: KafkaBusOptions): KafkaBusSettings => ({
  brokers: options.brokers,
  clientId: options.clientId,
  partitions: options.partitions ?? 3,
  replicationFactor: options.replicationFactor ?? -1,
  retryPolicy: options.retryPolicy ?? defaultRetryPolicy,
  topics: options.topics ?? [],
  sessionTimeoutMs: options.sessionTimeoutMs ?? 15_000,
  heartbeatIntervalMs: options.heartbeatIntervalMs ?? 1_000,
  rebalanceTimeoutMs: options.rebalanceTimeoutMs ?? Math.max(30_000, options.sessionTimeoutMs ?? 0),
  readyTimeoutMs: options.readyTimeoutMs ?? 30_000,
  maxWaitTimeMs: options.maxWaitTimeMs ?? 500,
  maxBufferedMessages: options.maxBufferedMessages ?? 1_000,
  commitEvery: Math.max(1, options.commitEvery ?? 50),
  closeTimeoutMs: options.closeTimeoutMs ?? 10_000,
  // 0 or 1 would make @platformatic/kafka retry an idempotent produce forever again.
  publishRetries: Math.max(2, options.publishRetries ?? 10),
  publishRetryDelayMs: options.publishRetryDelayMs ?? 500,
});
