import { Logger } from '@nestjs/common';
import type { Admin } from '@platformatic/kafka';
import { deadLetterTopic, type Bus, type BusSubscription, type OutgoingMessage, type SubscribeRequest } from './bus.port';
import { BusClosedError } from './bus-closed.error';
import { describeError } from './describe-error';
import { kafkaBusSettings, type KafkaBusLogger, type KafkaBusOptions, type KafkaBusSettings } from './kafka-bus.options';
import { closeForced, loadKafkaClient, type KafkaClientLibrary } from './kafka-client';
import { KafkaHeaders } from './kafka-headers';
import { KafkaSubscription, type KafkaBusServices, type ProducedMessage, type StringProducer } from './kafka-subscription';

const noop = (): void => undefined;

/**
 * The bus on Apache Kafka, with @platformatic/kafka.
 *
 * - Topics (and `<topic>.dlq`) are created when missing, with `partitions` partitions: by `start()` for the
 *   configured ones, and before the first publish/subscribe of any other.
 * - Producer: idempotent, acks=all; key = message key (same key → same partition, Java-compatible murmur2), value =
 *   the envelope as JSON, headers `event-type` and `event-id`. `publish` resolves once the broker acknowledged, and
 *   fails after a bounded number of retries (`publishRetries`) when the broker cannot be reached.
 * - `subscribe`: one consumer per call, in the group, autocommit off; starts from the group's committed offsets
 *   (from the earliest record for a new group). It resolves once that consumer is ready: joined to the group, holding
 *   its partition assignment and knowing where it starts on each partition (waiting at most `readyTimeoutMs`).
 *   Partitions are handled concurrently, each one message at a time, in order. A handler that fails for good (see
 *   isUnprocessable), or a value that is not an envelope, sends the message to `<topic>.dlq` at once (a DeadLetter
 *   envelope, plus `dlq-*` headers) and the partition moves on; any other failure is retried without limit with the
 *   policy's capped backoff while the partition waits (others go on until `maxBufferedMessages` wait in all: the
 *   client cannot pause one partition). The offset is committed only after the handler's effect (or the
 *   dead-letter record) is done. Closing the subscription stops it, waits (bounded) for its running handler and
 *   leaves the group; what was not handled is not committed, so the group gets it again. A consumer that dropped
 *   out of its group (a broker restart can leave it without a heartbeat) rejoins by itself.
 * - `close()` stops taking messages, waits (bounded) for running handlers, commits what finished before it was
 *   called, leaves the groups and closes the clients. What was not acknowledged is redelivered to the group.
 */
export class KafkaBus implements Bus, KafkaBusServices {
  readonly kafka: KafkaClientLibrary;
  readonly settings: KafkaBusSettings;
  readonly producer: StringProducer;
  readonly logger: KafkaBusLogger;
  private readonly admin: Admin;
  private readonly knownTopics = new Set<string>();
  private topicLock: Promise<unknown> = Promise.resolve();
  private readonly subscriptions = new Set<KafkaSubscription>();
  private sending: Promise<void> = Promise.resolve();
  private started?: Promise<void>;
  private closed?: Promise<void>;

  constructor(options: KafkaBusOptions) {
    if (!options.brokers?.length) throw new Error('KafkaBus needs at least one broker');
    this.kafka = loadKafkaClient();
    this.settings = kafkaBusSettings(options);
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
      // Bounded: see KafkaBusOptions.publishRetries. A failed send leaves the producer's sequence numbers where they
      // were, so the batch sent again is deduplicated by the broker if the first try did reach it.
      retries: this.settings.publishRetries,
      retryDelay: this.settings.publishRetryDelayMs,
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
    await this.send(
      messages.map((m) => ({
        topic: m.topic,
        key: m.key,
        value: JSON.stringify(m.event),
        headers: { [KafkaHeaders.eventType]: m.event.type, [KafkaHeaders.eventId]: m.event.id },
      })),
    );
  }

  /**
   * Produces one batch at a time: two batches in flight for one partition can reach the broker out of sequence
   * (@platformatic/kafka 1.35's idempotent producer), which refuses the later one (OUT_OF_ORDER_SEQUENCE_NUMBER).
   */
  send(messages: ProducedMessage[]): Promise<void> {
    const sent = this.sending.then(() => this.producer.send({ messages }));
    this.sending = sent.then(noop, noop);
    return sent.then(noop);
  }

  async subscribe(request: SubscribeRequest): Promise<BusSubscription> {
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
    return {
      close: async () => {
        this.subscriptions.delete(subscription);
        await subscription.close();
      },
    };
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
