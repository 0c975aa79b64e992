import { AsyncLocalStorage } from 'node:async_hooks';
import { Logger } from '@nestjs/common';
import type { EventEnvelope } from '@app/contracts';
import {
  deadLetterTopic,
  defaultRetryPolicy,
  type Bus,
  type BusSubscription,
  type MessageHandler,
  type OutgoingMessage,
  type RetryPolicy,
  type SubscribeRequest,
} from './bus.port';
import { BusClosedError } from './bus-closed.error';
import { deadLetterEnvelope, type DeadLetter } from './dead-letter';
import { describeError } from './describe-error';
import { handleUntilDone } from './handle-until-done';
import { InterruptibleSleep } from './interruptible-sleep';

export interface InProcessBusOptions {
  retryPolicy?: RetryPolicy;
  /** Sequential queues per consumer group; a key always maps to the same lane. Default 8. */
  lanes?: number;
  logger?: Pick<Logger, 'warn' | 'error'>;
}

interface Lane {
  /** Settles when everything queued so far on the lane is done; never rejects. */
  tail: Promise<void>;
}

/** One `subscribe` call: its handler for its topics, until closed. */
interface Subscription {
  handler: MessageHandler;
  closed: boolean;
  /** Back-off sleeps of its handler, cut short when it (or the bus) closes. */
  backoff: InterruptibleSleep;
  /** Its handler running on a lane (one at a time per lane). */
  running: Map<Lane, Promise<void>>;
}

interface Group {
  id: string;
  /** By topic; a closed subscription stays until the group subscribes again, so it rejects what is published meanwhile. */
  subscriptions: Map<string, Subscription>;
  lanes: Lane[];
}

/** Lanes whose handler is running somewhere up the current async call chain. */
type Chain = ReadonlySet<Lane>;
const noChain: Chain = new Set();

/** FNV-1a: a stable spread of keys over lanes. */
const hash = (key: string): number => {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
};

/**
 * Embedded mode: topics and consumer groups in memory.
 *
 * - `publish` resolves once every group subscribed to the message's topic has finished with it (handled, or given up
 *   and dead-lettered), so a relay's checkpoint moves only after consumers stored their effects.
 * - Per group, messages of one key are handled one at a time, in publish order (a key maps to one of `lanes`
 *   sequential queues); different lanes run concurrently.
 * - A handler that fails for good (see isUnprocessable) sends the message to `<topic>.dlq` as a {@link DeadLetter}
 *   envelope at once and the lane moves on; any other failure is retried without limit, with the policy's backoff,
 *   while the lane waits (other lanes go on).
 * - A closed subscription takes no more messages: deliveries queued for it, or published to it later, are rejected
 *   (their publisher gets a BusClosedError, so a relay does not move its checkpoint).
 * - Handlers get a fresh JSON copy of the envelope, as they would from a broker.
 * - A group only sees messages published after it subscribed (nothing is retained).
 * - `publish` called from inside a handler does not wait for lanes that are already busy up its own call chain
 *   (that would wait on itself forever); it queues the message there and waits for the other lanes.
 */
export class InProcessBus implements Bus {
  private readonly retry: RetryPolicy;
  private readonly laneCount: number;
  private readonly logger: Pick<Logger, 'warn' | 'error'>;
  private readonly groups = new Map<string, Group>();
  private readonly subscribers = new Map<string, Group[]>();
  private readonly chain = new AsyncLocalStorage<Chain>();
  private closed = false;

  constructor(options: InProcessBusOptions = {}) {
    this.retry = options.retryPolicy ?? defaultRetryPolicy;
    this.laneCount = Math.max(1, Math.floor(options.lanes ?? 8));
    this.logger = options.logger ?? new Logger('InProcessBus');
  }

  async publish(messages: OutgoingMessage[]): Promise<void> {
    if (this.closed) throw new BusClosedError();
    const chain = this.chain.getStore() ?? noChain;
    const waits: Promise<void>[] = [];
    // Everything is queued synchronously, in order, before anything is awaited.
    for (const message of messages) {
      const groups = this.subscribers.get(message.topic);
      if (!groups || groups.length === 0) continue;
      const json = JSON.stringify(message.event);
      for (const group of groups) {
        const lane = group.lanes[hash(message.key) % group.lanes.length];
        const done = this.enqueue(group, lane, message, json, chain);
        if (chain.has(lane)) done.catch(() => undefined);
        else waits.push(done);
      }
    }
    await Promise.all(waits);
  }

  async subscribe(request: SubscribeRequest): Promise<BusSubscription> {
    if (this.closed) throw new BusClosedError();
    let group = this.groups.get(request.groupId);
    if (!group) {
      group = {
        id: request.groupId,
        subscriptions: new Map(),
        lanes: Array.from({ length: this.laneCount }, () => ({ tail: Promise.resolve() })),
      };
      this.groups.set(group.id, group);
    }
    for (const topic of request.topics) {
      if (group.subscriptions.get(topic)?.closed === false) {
        throw new Error(`group ${group.id} already subscribes to ${topic} on this in-process bus`);
      }
    }
    const subscription: Subscription = { handler: request.handler, closed: false, backoff: new InterruptibleSleep(), running: new Map() };
    for (const topic of new Set(request.topics)) {
      if (!group.subscriptions.has(topic)) {
        const groups = this.subscribers.get(topic) ?? [];
        groups.push(group);
        this.subscribers.set(topic, groups);
      }
      group.subscriptions.set(topic, subscription);
    }
    return { close: () => this.closeSubscription(subscription) };
  }

  /**
   * Stops taking messages: retry back-offs are cut short and queued deliveries rejected (their publishers get a
   * BusClosedError, so a relay does not move its checkpoint); handlers already running are awaited.
   */
  async close(): Promise<void> {
    this.closed = true;
    for (const group of this.groups.values()) for (const subscription of group.subscriptions.values()) subscription.backoff.wakeAll();
    const chain = this.chain.getStore() ?? noChain;
    const lanes = [...this.groups.values()].flatMap((group) => group.lanes).filter((lane) => !chain.has(lane));
    await Promise.all(lanes.map((lane) => lane.tail));
  }

  /** Its handler takes nothing more; a running one finishes (or stops retrying) and is awaited, unless it is the caller. */
  private async closeSubscription(subscription: Subscription): Promise<void> {
    subscription.closed = true;
    subscription.backoff.wakeAll();
    const chain = this.chain.getStore() ?? noChain;
    const running = [...subscription.running].filter(([lane]) => !chain.has(lane)).map(([, work]) => work.catch(() => undefined));
    await Promise.all(running);
  }

  private enqueue(group: Group, lane: Lane, message: OutgoingMessage, json: string, chain: Chain): Promise<void> {
    const subscription = group.subscriptions.get(message.topic);
    const done = lane.tail.then(() => (subscription ? this.handle(group, subscription, lane, message, json, chain) : undefined));
    lane.tail = done.catch(() => undefined);
    return done;
  }

  private async handle(group: Group, subscription: Subscription, lane: Lane, message: OutgoingMessage, json: string, chain: Chain): Promise<void> {
    const closedBefore = () => new BusClosedError(`${this.closed ? 'the bus' : `the subscription of ${group.id}`} closed before it handled ${message.event.id}`);
    if (this.closed || subscription.closed) throw closedBefore();
    const inner = new Set(chain).add(lane);
    const work = this.chain.run(inner, async () => {
      const outcome = await handleUntilDone(
        (attempt) => subscription.handler({ topic: message.topic, key: message.key, event: JSON.parse(json) as EventEnvelope, attempt }),
        {
          backoffMs: (attempt) => this.retry.backoffMs(attempt),
          sleep: (ms) => subscription.backoff.sleep(ms),
          stopping: () => this.closed || subscription.closed,
          onRetry: (error, attempts) =>
            this.logger.warn(`${group.id} could not handle ${message.event.type} ${message.event.id} (${attempts} attempts so far: ${error}); retrying`),
        },
      );
      if (outcome.kind === 'interrupted') throw closedBefore();
      if (outcome.kind === 'unprocessable') await this.deadLetter(group, message, json, outcome.attempts, outcome.error);
    });
    subscription.running.set(lane, work);
    try {
      await work;
    } finally {
      subscription.running.delete(lane);
    }
  }

  private async deadLetter(group: Group, message: OutgoingMessage, json: string, attempts: number, error: unknown): Promise<void> {
    const deadLetter: DeadLetter = {
      topic: message.topic,
      key: message.key,
      groupId: group.id,
      attempts,
      error: describeError(error),
      event: JSON.parse(json) as EventEnvelope,
    };
    this.logger.error(
      `${group.id} cannot process ${message.event.type} ${message.event.id} from ${message.topic} ` +
        `(${deadLetter.error}); it goes to ${deadLetterTopic(message.topic)}`,
    );
    await this.publish([{ topic: deadLetterTopic(message.topic), key: message.key, event: deadLetterEnvelope(deadLetter) }]);
  }
}
