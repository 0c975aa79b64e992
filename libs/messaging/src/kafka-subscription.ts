import { AsyncLocalStorage } from 'node:async_hooks';
import type { Consumer, Message, MessagesStream, Producer } from '@platformatic/kafka';
import type { EventEnvelope } from '@app/contracts';
import { deadLetterTopic, type SubscribeRequest } from './bus.port';
import { DEAD_LETTER_EVENT_TYPE, deadLetterEnvelope, type DeadLetter } from './dead-letter';
import { describeError } from './describe-error';
import { handleUntilDone } from './handle-until-done';
import { InterruptibleSleep } from './interruptible-sleep';
import type { KafkaBusLogger, KafkaBusSettings } from './kafka-bus.options';
import { closeForced, type KafkaClientLibrary } from './kafka-client';
import { KafkaHeaders } from './kafka-headers';

export type StringProducer = Producer<string, string, string, string>;
type StringConsumer = Consumer<string, string, string, string>;
type StringMessage = Message<string, string, string, string>;
type StringStream = MessagesStream<string, string, string, string>;

const noop = (): void => undefined;

/** The message's envelope; throws when the value is not JSON or not shaped like an envelope. */
const parseEnvelope = (value: string | undefined): EventEnvelope => {
  const parsed = JSON.parse(value ?? '') as Partial<EventEnvelope> | null;
  if (typeof parsed !== 'object' || parsed === null || typeof parsed.id !== 'string' || typeof parsed.type !== 'string') {
    throw new Error('no id and type');
  }
  return parsed as EventEnvelope;
};

export interface ProducedMessage {
  topic: string;
  key: string;
  value: string;
  headers: Record<string, string>;
}

/** What a subscription needs from its bus. */
export interface KafkaBusServices {
  readonly kafka: KafkaClientLibrary;
  readonly settings: KafkaBusSettings;
  readonly logger: KafkaBusLogger;
  /** Produces a batch (one at a time per bus) and resolves once the broker acknowledged it. */
  send(messages: ProducedMessage[]): Promise<void>;
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

/**
 * One `subscribe`: a consumer in the group and its message stream. Partitions are handled concurrently, each one
 * message at a time, in order; a message's offset is committed once its handler's effect (or its dead letter) is done.
 */
export class KafkaSubscription {
  private consumer?: StringConsumer;
  private stream?: StringStream;
  private readonly lanes = new Map<string, PartitionLane>();
  private readonly running = new Map<object, Promise<void>>();
  private readonly handling = new AsyncLocalStorage<object>();
  private readonly sleeper = new InterruptibleSleep();
  private buffered = 0;
  private paused = false;
  private closing = false;
  private closed?: Promise<void>;
  private reopenTimer?: NodeJS.Timeout;
  private membershipTimer?: NodeJS.Timeout;
  /** The last membership check found the consumer out of its group (or without a heartbeat). */
  private membershipLost = false;
  private rejoining = false;
  private rejoinFailures = 0;
  /** Called when the stream has worked out its start offsets (the stream may be reopened while start() waits). */
  private onStartOffsets: () => void = noop;

  constructor(
    private readonly bus: KafkaBusServices,
    private readonly request: SubscribeRequest,
  ) {}

  private get groupId(): string {
    return this.request.groupId;
  }

  /** Resolves once the consumer is ready to take messages (see {@link ready}); at most `readyTimeoutMs` later. */
  async start(): Promise<void> {
    const { kafka, settings, logger } = this.bus;
    const consumer = new kafka.Consumer<string, string, string, string>({
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
    this.consumer = consumer;
    consumer.on('error', (error: Error) => logger.error(`consumer ${this.groupId}: ${describeError(error)}`));
    await this.openStream();
    await this.untilReady(consumer);
    this.watchMembership();
  }

  /**
   * Keeps the consumer in its group. @platformatic/kafka (1.35) stops the heartbeat loop of a classic-protocol
   * consumer for good after one heartbeat fails with a non-group error (a broker that is down or restarting: the
   * error path cancels the timer, then "refreshes" the cancelled one), and gives up a rejoin after its retries
   * without trying again. The consumer then goes on fetching as a member the group no longer has: its session
   * expires, its partitions can be given to another member while it still handles them, and an idle group shows
   * Empty. So every third of the session timeout: a consumer that is not active (not a member with a scheduled
   * heartbeat) on two checks in a row rejoins; the join schedules the heartbeat again. Once the client keeps its
   * heartbeat going itself (platformatic/kafka#376), this finds nothing to do.
   */
  private watchMembership(): void {
    if (this.closing || this.membershipTimer) return;
    const every = Math.max(1_000, Math.floor(this.bus.settings.sessionTimeoutMs / 3));
    const check = (): void => {
      this.checkMembership().catch((error: unknown) =>
        this.bus.logger.warn(`checking the group membership of ${this.groupId} failed: ${describeError(error)}`),
      );
    };
    this.membershipTimer = setInterval(check, every);
    this.membershipTimer.unref();
  }

  private async checkMembership(): Promise<void> {
    const consumer = this.consumer;
    if (!consumer || this.closing || this.rejoining) return;
    if (consumer.isActive()) {
      this.membershipLost = false;
      return;
    }
    // Not active for a moment is normal while the client itself rejoins (a rebalance): act only on the second look.
    if (!this.membershipLost) {
      this.membershipLost = true;
      return;
    }
    this.rejoining = true;
    try {
      await consumer.joinGroup({});
      if (this.closing) return;
      this.bus.logger.log(
        `consumer ${this.groupId} rejoined its group` + (this.rejoinFailures > 0 ? ` after ${this.rejoinFailures} failed attempts` : ''),
      );
      this.membershipLost = false;
      this.rejoinFailures = 0;
    } catch (error) {
      // The broker may still be away: say so once, then try again on the next checks.
      if (!this.closing && this.rejoinFailures++ === 0) {
        this.bus.logger.warn(
          `consumer ${this.groupId} lost its group membership and cannot rejoin yet (${describeError(error)}); retrying`,
        );
      }
    } finally {
      this.rejoining = false;
    }
  }

  /**
   * Ready: the consumer has joined its group and holds its partition assignment (a finished JoinGroup + SyncGroup;
   * the assignment is empty when the group has more members than the topics have partitions), and its stream knows
   * the offset it starts from on each assigned partition. From then on a published message is fetched at once,
   * without waiting for a group join or a retried offset lookup.
   */
  private ready(consumer: StringConsumer): boolean {
    const { memberId, assignments } = consumer;
    const startOffsets = this.stream?.offsetsToFetch;
    if (memberId === null || !Array.isArray(assignments) || !startOffsets) return false;
    return assignments
      .filter(({ topic }) => this.request.topics.includes(topic))
      .every(({ topic, partitions }) => partitions.every((partition) => startOffsets.has(`${topic}:${partition}`)));
  }

  /** Waits until {@link ready}: at most `readyTimeoutMs` (then a warning: messages flow once it is), less on close. */
  private async untilReady(consumer: StringConsumer): Promise<void> {
    if (this.ready(consumer)) return;
    let check = noop;
    const ready = new Promise<void>((resolve) => (check = () => void (this.ready(consumer) && resolve())));
    consumer.on('consumer:group:join', check);
    this.onStartOffsets = check;
    const { readyTimeoutMs } = this.bus.settings;
    await this.sleeper.sleep(readyTimeoutMs, ready);
    consumer.off('consumer:group:join', check);
    this.onStartOffsets = noop;
    if (!this.ready(consumer) && !this.closing) {
      this.bus.logger.warn(
        `consumer ${this.groupId} is not ready after ${readyTimeoutMs} ms (no group assignment or start offsets yet); ` +
          'subscribe() resolves anyway, its messages flow once it is',
      );
    }
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
    stream.on('offsets', () => this.onStartOffsets());
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
      event = parseEnvelope(message.value);
    } catch (error) {
      // Not an envelope: nothing a retry could fix.
      if (await this.deadLetterRaw(message, `not a JSON event envelope: ${describeError(error)}`)) await this.acknowledge(lane, message);
      return;
    }
    const { retryPolicy } = this.bus.settings;
    const outcome = await handleUntilDone(
      (attempt) => {
        const copy = attempt === 0 ? event : (JSON.parse(message.value) as EventEnvelope);
        return this.request.handler({ topic: message.topic, key, event: copy, attempt });
      },
      {
        backoffMs: (attempt) => retryPolicy.backoffMs(attempt),
        sleep: (ms) => this.sleeper.sleep(ms),
        stopping: () => this.closing,
        onRetry: (error, attempts) =>
          this.bus.logger.warn(
            `${this.groupId} could not handle ${event.type} ${event.id} from ${message.topic}:${message.partition}@${message.offset} ` +
              `(${attempts} attempts so far: ${error}); retrying, the partition waits`,
          ),
      },
    );
    if (outcome.kind === 'interrupted') return;
    if (outcome.kind === 'unprocessable') {
      const deadLetter: DeadLetter = {
        topic: message.topic,
        key,
        groupId: this.groupId,
        attempts: outcome.attempts,
        error: describeError(outcome.error),
        event: JSON.parse(message.value) as EventEnvelope,
      };
      if (!(await this.publishDeadLetter(message, deadLetter))) return;
    }
    // Closed while handling (a crash, as far as the group is concerned): no acknowledgement, so it is redelivered.
    if (this.closing) return;
    await this.acknowledge(lane, message);
  }

  /** Produces the dead letter, retrying until the broker takes it; false if the bus closed first. */
  private async publishDeadLetter(message: StringMessage, deadLetter: DeadLetter): Promise<boolean> {
    const envelope = deadLetterEnvelope(deadLetter);
    this.bus.logger.error(
      `${this.groupId} cannot process ${deadLetter.event.type} ${deadLetter.event.id} from ${message.topic} ` +
        `(${deadLetter.error}); it goes to ${deadLetterTopic(message.topic)}`,
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
    this.bus.logger.error(`${this.groupId}: ${message.topic}@${message.partition}/${message.offset} ${error}; it goes to the dlq`);
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
        await this.bus.send([{ topic: deadLetterTopic(message.topic), key: message.key ?? '', value, headers }]);
        return true;
      } catch (error) {
        this.bus.logger.error(`could not produce to ${deadLetterTopic(message.topic)} (try ${attempt}): ${describeError(error)}`);
        await this.sleeper.sleep(Math.min(250 * attempt, 5_000));
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

  close(): Promise<void> {
    this.closed ??= this.shutDown();
    return this.closed;
  }

  private async shutDown(): Promise<void> {
    this.closing = true;
    clearTimeout(this.reopenTimer);
    this.reopenTimer = undefined;
    clearInterval(this.membershipTimer);
    this.membershipTimer = undefined;
    this.sleeper.wakeAll();
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
