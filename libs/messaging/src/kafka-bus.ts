import { AsyncLocalStorage } from 'node:async_hooks';
import { Logger } from '@nestjs/common';
import type { Admin, Consumer, Message, MessagesStream, Producer } from '@platformatic/kafka';
import type { EventEnvelope } from '@app/contracts';
import {
  deadLetterTopic,
  defaultRetryPolicy,
  type Bus,
  type OutgoingMessage,
  type RetryPolicy,
  type SubscribeRequest,
} from './bus.port';
import { BusClosedError, DEAD_LETTER_EVENT_TYPE, deadLetterEnvelope, describeError, type DeadLetter } from './in-process-bus';
import { closeForced, loadKafkaClient, type KafkaClientLibrary } from './kafka-client';

/** Record headers written by the bus. */
export const KafkaHeaders = {
  eventType: 'event-type',
  eventId: 'event-id',
  /** On `<topic>.dlq` records: why, where from, which group, how many tries. */
  error: 'dlq-error',
  originalTopic: 'dlq-original-topic',
  groupId: 'dlq-group-id',
  attempts: 'dlq-attempts',
} as const;

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
  /** Longest a fetch waits on the broker for data (ms). Default 500. */
  maxWaitTimeMs?: number;
  /** Messages fetched but not yet handled, per subscription, before fetching pauses. Default 1 000. */
  maxBufferedMessages?: number;
  /** Handled messages of one partition acknowledged with one commit when more are queued behind them. Default 50. */
  commitEvery?: number;
  /** How long close() waits for running handlers before leaving the group anyway (ms). Default 10 000. */
  closeTimeoutMs?: number;
  logger?: KafkaBusLogger;
}

type Settings = Required<Omit<KafkaBusOptions, 'logger'>>;
type StringProducer = Producer<string, string, string, string>;
type StringConsumer = Consumer<string, string, string, string>;
type StringMessage = Message<string, string, string, string>;
type StringStream = MessagesStream<string, string, string, string>;

const noop = (): void => undefined;

/** What a subscription needs from its bus. */
interface BusServices {
  readonly kafka: KafkaClientLibrary;
  readonly settings: Settings;
  readonly producer: StringProducer;
  readonly logger: KafkaBusLogger;
}

/**
 * The bus on Apache Kafka, with @platformatic/kafka.
 *
 * - Topics (and `<topic>.dlq`) are created when missing, with `partitions` partitions: by `start()` for the
 *   configured ones, and before the first publish/subscribe of any other.
 * - Producer: idempotent, acks=all; key = message key (same key → same partition, Java-compatible murmur2), value =
 *   the envelope as JSON, headers `event-type` and `event-id`. `publish` resolves once the broker acknowledged.
 * - `subscribe`: one consumer per call, in the group, autocommit off; starts from the group's committed offsets
 *   (from the earliest record for a new group). Partitions are handled concurrently, each one message at a time, in
 *   order. A failing handler is retried per the retry policy, then the message goes to `<topic>.dlq` (a DeadLetter
 *   envelope, plus `dlq-*` headers) and the partition moves on. The offset is committed only after the handler's
 *   effect (or the dead-letter record) is done.
 * - `close()` stops taking messages, waits (bounded) for running handlers, commits what finished before it was
 *   called, leaves the groups and closes the clients. What was not acknowledged is redelivered to the group.
 */
export class KafkaBus implements Bus, BusServices {
  readonly kafka: KafkaClientLibrary;
  readonly settings: Settings;
  readonly producer: StringProducer;
  readonly logger: KafkaBusLogger;
  private readonly admin: Admin;
  private readonly knownTopics = new Set<string>();
  private topicLock: Promise<unknown> = Promise.resolve();
  private readonly subscriptions = new Set<KafkaSubscription>();
  private started?: Promise<void>;
  private closed?: Promise<void>;

  constructor(options: KafkaBusOptions) {
    if (!options.brokers?.length) throw new Error('KafkaBus needs at least one broker');
    this.kafka = loadKafkaClient();
    this.settings = {
      brokers: options.brokers,
      clientId: options.clientId,
      partitions: options.partitions ?? 3,
      replicationFactor: options.replicationFactor ?? -1,
      retryPolicy: options.retryPolicy ?? defaultRetryPolicy,
      topics: options.topics ?? [],
      sessionTimeoutMs: options.sessionTimeoutMs ?? 15_000,
      heartbeatIntervalMs: options.heartbeatIntervalMs ?? 1_000,
      rebalanceTimeoutMs: options.rebalanceTimeoutMs ?? Math.max(30_000, options.sessionTimeoutMs ?? 0),
      maxWaitTimeMs: options.maxWaitTimeMs ?? 500,
      maxBufferedMessages: options.maxBufferedMessages ?? 1_000,
      commitEvery: Math.max(1, options.commitEvery ?? 50),
      closeTimeoutMs: options.closeTimeoutMs ?? 10_000,
    };
    this.logger = options.logger ?? new Logger('KafkaBus');
    const { Admin, Producer, ProduceAcks, stringSerializers, compatibilityPartitioner } = this.kafka;
    this.producer = new Producer<string, string, string, string>({
      clientId: this.settings.clientId,
      bootstrapBrokers: this.settings.brokers,
      idempotent: true,
      acks: ProduceAcks.ALL,
      serializers: stringSerializers,
      partitioner: compatibilityPartitioner,
      autocreateTopics: false,
    });
    this.admin = new Admin({ clientId: `${this.settings.clientId}-admin`, bootstrapBrokers: this.settings.brokers });
    // The clients emit 'error' for failures outside a call (e.g. a failed rejoin); unhandled it would crash the process.
    this.producer.on('error', (error: Error) => this.logger.error(`producer: ${describeError(error)}`));
    this.admin.on('error', (error: Error) => this.logger.error(`admin: ${describeError(error)}`));
  }

  /** Connects and creates the configured topics (and their `.dlq`) when missing. Idempotent. */
  start(): Promise<void> {
    this.started ??= this.ensureTopics(this.settings.topics).catch((error: unknown) => {
      this.started = undefined;
      throw error;
    });
    return this.started;
  }

  async publish(messages: OutgoingMessage[]): Promise<void> {
    if (this.closed) throw new BusClosedError();
    if (messages.length === 0) return;
    await this.ensureTopics(messages.map((m) => m.topic));
    await this.producer.send({
      messages: messages.map((m) => ({
        topic: m.topic,
        key: m.key,
        value: JSON.stringify(m.event),
        headers: { [KafkaHeaders.eventType]: m.event.type, [KafkaHeaders.eventId]: m.event.id },
      })),
    });
  }

  async subscribe(request: SubscribeRequest): Promise<void> {
    if (this.closed) throw new BusClosedError();
    if (request.topics.length === 0) throw new Error('subscribe needs at least one topic');
    await this.ensureTopics(request.topics);
    if (this.closed) throw new BusClosedError();
    const subscription = new KafkaSubscription(this, request);
    this.subscriptions.add(subscription);
    try {
      await subscription.start();
    } catch (error) {
      this.subscriptions.delete(subscription);
      await subscription.close();
      throw error;
    }
  }

  close(): Promise<void> {
    this.closed ??= this.shutDown();
    return this.closed;
  }

  private async shutDown(): Promise<void> {
    await Promise.allSettled([...this.subscriptions].map((subscription) => subscription.close()));
    this.subscriptions.clear();
    const results = await Promise.allSettled([closeForced(this.producer), this.admin.close()]);
    for (const result of results) {
      if (result.status === 'rejected') this.logger.warn(`closing a Kafka client failed: ${describeError(result.reason)}`);
    }
  }

  /** Creates the topics and their `.dlq` when missing (one creation at a time; known topics are cached). */
  private ensureTopics(topics: string[]): Promise<void> {
    const wanted = (): string[] =>
      [...new Set(topics.flatMap((topic) => [topic, deadLetterTopic(topic)]))].filter((t) => !this.knownTopics.has(t));
    if (wanted().length === 0) return Promise.resolve();
    const run = this.topicLock.then(async () => {
      const missingFromCache = wanted();
      if (missingFromCache.length === 0) return;
      const existing = new Set(await this.admin.listTopics());
      const missing = missingFromCache.filter((topic) => !existing.has(topic));
      if (missing.length > 0) {
        try {
          await this.admin.createTopics({
            topics: missing,
            partitions: this.settings.partitions,
            replicas: this.settings.replicationFactor,
          });
        } catch (error) {
          // Someone else may have created them meanwhile (TOPIC_ALREADY_EXISTS): fine if they are all there now.
          const now = new Set(await this.admin.listTopics());
          if (missing.some((topic) => !now.has(topic))) throw error;
        }
        await this.waitForLeaders(missing);
      }
      for (const topic of missingFromCache) this.knownTopics.add(topic);
    });
    this.topicLock = run.catch(noop);
    return run;
  }

  /** A new topic takes a moment before every partition has a leader; producing before that only retries. */
  private async waitForLeaders(topics: string[]): Promise<void> {
    const deadline = Date.now() + 10_000;
    for (;;) {
      try {
        const metadata = await this.admin.metadata({ topics, forceUpdate: true });
        const ready = topics.every((topic) => {
          const partitions = metadata.topics.get(topic)?.partitions;
          return !!partitions && partitions.length > 0 && partitions.every((p) => p.leader >= 0);
        });
        if (ready) return;
      } catch (error) {
        if (Date.now() > deadline) throw error;
      }
      if (Date.now() > deadline) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

interface PartitionLane {
  /** Settles when everything queued on the partition so far is done; never rejects. */
  tail: Promise<void>;
  /** Messages queued on the lane and not finished (the running one included). */
  queued: number;
  /** The latest handled message whose offset is not committed yet. */
  uncommitted?: StringMessage;
  sinceCommit: number;
}

/** One `subscribe`: a consumer in the group and its message stream. */
class KafkaSubscription {
  private consumer?: StringConsumer;
  private stream?: StringStream;
  private readonly lanes = new Map<string, PartitionLane>();
  private readonly running = new Map<object, Promise<void>>();
  private readonly handling = new AsyncLocalStorage<object>();
  private readonly sleepers = new Set<() => void>();
  private buffered = 0;
  private paused = false;
  private closing = false;
  private closed?: Promise<void>;
  private reopenTimer?: NodeJS.Timeout;

  constructor(
    private readonly bus: BusServices,
    private readonly request: SubscribeRequest,
  ) {}

  private get groupId(): string {
    return this.request.groupId;
  }

  async start(): Promise<void> {
    const { kafka, settings, logger } = this.bus;
    this.consumer = new kafka.Consumer<string, string, string, string>({
      clientId: settings.clientId,
      groupId: this.groupId,
      bootstrapBrokers: settings.brokers,
      sessionTimeout: settings.sessionTimeoutMs,
      heartbeatInterval: settings.heartbeatIntervalMs,
      rebalanceTimeout: settings.rebalanceTimeoutMs,
      maxWaitTime: settings.maxWaitTimeMs,
      autocommit: false,
      deserializers: kafka.stringDeserializers,
    });
    this.consumer.on('error', (error: Error) => logger.error(`consumer ${this.groupId}: ${describeError(error)}`));
    await this.openStream();
  }

  private async openStream(): Promise<void> {
    const consumer = this.consumer;
    if (!consumer || this.closing) return;
    const { kafka } = this.bus;
    const stream = await consumer.consume({
      topics: this.request.topics,
      autocommit: false,
      mode: kafka.MessagesStreamModes.COMMITTED,
      fallbackMode: kafka.MessagesStreamFallbackModes.EARLIEST,
    });
    if (this.closing) {
      await stream.close().catch(noop);
      return;
    }
    this.stream = stream;
    this.paused = false;
    stream.on('data', (message: StringMessage) => this.dispatch(message));
    stream.on('error', (error: Error) => {
      if (this.closing || this.stream !== stream) return;
      this.bus.logger.warn(`consumer stream of ${this.groupId} failed (${describeError(error)}); reopening it`);
      this.stream = undefined;
      this.scheduleReopen(500);
    });
  }

  private scheduleReopen(delayMs: number): void {
    if (this.closing || this.reopenTimer) return;
    this.reopenTimer = setTimeout(() => {
      this.reopenTimer = undefined;
      this.openStream().catch((error: unknown) => {
        this.bus.logger.warn(`reopening the consumer stream of ${this.groupId} failed (${describeError(error)})`);
        this.scheduleReopen(Math.min(delayMs * 2, 30_000));
      });
    }, delayMs);
  }

  /** Queues a fetched message on its partition's lane: partitions run concurrently, each in order. */
  private dispatch(message: StringMessage): void {
    if (this.closing) return;
    const laneId = `${message.topic}:${message.partition}`;
    let lane = this.lanes.get(laneId);
    if (!lane) {
      lane = { tail: Promise.resolve(), queued: 0, sinceCommit: 0 };
      this.lanes.set(laneId, lane);
    }
    const current = lane;
    current.queued++;
    this.buffered++;
    if (!this.paused && this.buffered >= this.bus.settings.maxBufferedMessages) {
      this.paused = true;
      this.stream?.pause();
    }
    current.tail = current.tail
      .then(() => this.track(() => this.process(current, message)))
      .catch((error: unknown) => this.bus.logger.error(`handling ${laneId}@${message.offset} failed: ${describeError(error)}`))
      .finally(() => {
        current.queued--;
        this.buffered--;
        if (this.paused && !this.closing && this.buffered <= this.bus.settings.maxBufferedMessages / 2) {
          this.paused = false;
          this.stream?.resume();
        }
      });
  }

  private track(work: () => Promise<void>): Promise<void> {
    const token = {};
    const promise = this.handling.run(token, work);
    this.running.set(token, promise);
    const done = (): void => void this.running.delete(token);
    promise.then(done, done);
    return promise;
  }

  private async process(lane: PartitionLane, message: StringMessage): Promise<void> {
    if (this.closing) return;
    const key = message.key ?? '';
    let event: EventEnvelope;
    try {
      event = JSON.parse(message.value) as EventEnvelope;
    } catch (error) {
      // Not an envelope: nothing a retry could fix.
      if (await this.deadLetterRaw(message, `not a JSON event envelope: ${describeError(error)}`)) await this.acknowledge(lane, message);
      return;
    }
    const { retryPolicy } = this.bus.settings;
    const maxAttempts = Math.max(1, retryPolicy.maxAttempts);
    for (let attempt = 0; ; attempt++) {
      if (this.closing) return;
      try {
        const copy = attempt === 0 ? event : (JSON.parse(message.value) as EventEnvelope);
        await this.request.handler({ topic: message.topic, key, event: copy, attempt });
        break;
      } catch (error) {
        if (this.closing) return;
        if (attempt + 1 >= maxAttempts) {
          const deadLetter: DeadLetter = {
            topic: message.topic,
            key,
            groupId: this.groupId,
            attempts: attempt + 1,
            error: describeError(error),
            event: JSON.parse(message.value) as EventEnvelope,
          };
          if (!(await this.publishDeadLetter(message, deadLetter))) return;
          break;
        }
        await this.sleep(retryPolicy.backoffMs(attempt + 1));
      }
    }
    // Closed while handling (a crash, as far as the group is concerned): no acknowledgement, so it is redelivered.
    if (this.closing) return;
    await this.acknowledge(lane, message);
  }

  /** Produces the dead letter, retrying until the broker takes it; false if the bus closed first. */
  private async publishDeadLetter(message: StringMessage, deadLetter: DeadLetter): Promise<boolean> {
    const envelope = deadLetterEnvelope(deadLetter);
    this.bus.logger.warn(
      `${this.groupId} gave up on ${deadLetter.event.type} ${deadLetter.event.id} from ${message.topic} after ` +
        `${deadLetter.attempts} attempts (${deadLetter.error}); it goes to ${deadLetterTopic(message.topic)}`,
    );
    return this.produceDeadLetter(message, JSON.stringify(envelope), {
      [KafkaHeaders.eventType]: DEAD_LETTER_EVENT_TYPE,
      [KafkaHeaders.eventId]: envelope.id,
      [KafkaHeaders.error]: deadLetter.error,
      [KafkaHeaders.originalTopic]: message.topic,
      [KafkaHeaders.groupId]: this.groupId,
      [KafkaHeaders.attempts]: String(deadLetter.attempts),
    });
  }

  private deadLetterRaw(message: StringMessage, error: string): Promise<boolean> {
    this.bus.logger.warn(`${this.groupId}: ${message.topic}@${message.partition}/${message.offset} ${error}; it goes to the dlq`);
    return this.produceDeadLetter(message, message.value ?? '', {
      [KafkaHeaders.error]: error,
      [KafkaHeaders.originalTopic]: message.topic,
      [KafkaHeaders.groupId]: this.groupId,
      [KafkaHeaders.attempts]: '0',
    });
  }

  private async produceDeadLetter(message: StringMessage, value: string, headers: Record<string, string>): Promise<boolean> {
    for (let attempt = 1; ; attempt++) {
      if (this.closing) return false;
      try {
        await this.bus.producer.send({
          messages: [{ topic: deadLetterTopic(message.topic), key: message.key ?? '', value, headers }],
        });
        return true;
      } catch (error) {
        this.bus.logger.error(`could not produce to ${deadLetterTopic(message.topic)} (try ${attempt}): ${describeError(error)}`);
        await this.sleep(Math.min(250 * attempt, 5_000));
      }
    }
  }

  /** Marks the message done; commits now, or with a later message of the same partition that is already queued. */
  private async acknowledge(lane: PartitionLane, message: StringMessage): Promise<void> {
    lane.uncommitted = message;
    lane.sinceCommit++;
    if (lane.queued > 1 && lane.sinceCommit < this.bus.settings.commitEvery) return;
    await this.commit(lane);
  }

  private async commit(lane: PartitionLane): Promise<void> {
    const message = lane.uncommitted;
    if (!message) return;
    lane.uncommitted = undefined;
    lane.sinceCommit = 0;
    // Revoked in a rebalance: the partition's new owner carries on from the last commit (redelivering at most).
    const owned = this.consumer?.assignments?.some((a) => a.topic === message.topic && a.partitions.includes(message.partition));
    if (!owned) return;
    try {
      await message.commit();
    } catch (error) {
      this.bus.logger.warn(
        `${this.groupId}: committing ${message.topic}:${message.partition}@${message.offset} failed ` +
          `(${describeError(error)}); it will be redelivered`,
      );
    }
  }

  private sleep(ms: number): Promise<void> {
    if (this.closing || !(ms > 0)) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const wake = (): void => {
        clearTimeout(timer);
        this.sleepers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.sleepers.add(wake);
    });
  }

  close(): Promise<void> {
    this.closed ??= this.shutDown();
    return this.closed;
  }

  private async shutDown(): Promise<void> {
    this.closing = true;
    clearTimeout(this.reopenTimer);
    this.reopenTimer = undefined;
    for (const wake of [...this.sleepers]) wake();
    // Running handlers finish (bounded); one that is closing the bus itself is not waited for.
    const self = this.handling.getStore();
    const others = [...this.running].filter(([token]) => token !== self).map(([, promise]) => promise);
    if (others.length > 0) {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, this.bus.settings.closeTimeoutMs)));
      await Promise.race([Promise.allSettled(others), timeout]);
      clearTimeout(timer);
    }
    // What finished before close() was called is acknowledged; the rest is redelivered.
    await Promise.allSettled([...this.lanes.values()].map((lane) => this.commit(lane)));
    try {
      // force: closes the stream(s) first, then leaves the group so its partitions move on at once.
      if (this.consumer) await closeForced(this.consumer);
    } catch (error) {
      this.bus.logger.warn(`consumer ${this.groupId} did not close cleanly: ${describeError(error)}`);
    }
  }
}
