import { AsyncLocalStorage } from 'node:async_hooks';
import { Logger } from '@nestjs/common';
import type { EventEnvelope } from '@app/contracts';
import {
  deadLetterTopic,
  defaultRetryPolicy,
  type Bus,
  type MessageHandler,
  type OutgoingMessage,
  type RetryPolicy,
  type SubscribeRequest,
} from './bus.port';
import { BusClosedError } from './bus-closed.error';
import { deadLetterEnvelope, type DeadLetter } from './dead-letter';
import { describeError } from './describe-error';
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

interface Group {
  id: string;
  handlers: Map<string, MessageHandler>;
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
 * - A failing handler is retried per the retry policy; then the message goes to `<topic>.dlq` as a {@link DeadLetter}
 *   envelope and the lane moves on.
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
  private readonly backoff = new InterruptibleSleep();
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

  async subscribe(request: SubscribeRequest): Promise<void> {
    if (this.closed) throw new BusClosedError();
    let group = this.groups.get(request.groupId);
    if (!group) {
      group = {
        id: request.groupId,
        handlers: new Map(),
        lanes: Array.from({ length: this.laneCount }, () => ({ tail: Promise.resolve() })),
      };
      this.groups.set(group.id, group);
    }
    for (const topic of request.topics) {
      if (group.handlers.has(topic)) {
        throw new Error(`group ${group.id} already subscribes to ${topic} on this in-process bus`);
      }
    }
    for (const topic of new Set(request.topics)) {
      group.handlers.set(topic, request.handler);
      const groups = this.subscribers.get(topic) ?? [];
      groups.push(group);
      this.subscribers.set(topic, groups);
    }
  }

  /**
   * Stops taking messages: retry back-offs are cut short and queued deliveries rejected (their publishers get a
   * BusClosedError, so a relay does not move its checkpoint); handlers already running are awaited.
   */
  async close(): Promise<void> {
    this.closed = true;
    this.backoff.wakeAll();
    const chain = this.chain.getStore() ?? noChain;
    const lanes = [...this.groups.values()].flatMap((group) => group.lanes).filter((lane) => !chain.has(lane));
    await Promise.all(lanes.map((lane) => lane.tail));
  }

  private enqueue(group: Group, lane: Lane, message: OutgoingMessage, json: string, chain: Chain): Promise<void> {
    const done = lane.tail.then(() => this.handle(group, lane, message, json, chain));
    lane.tail = done.catch(() => undefined);
    return done;
  }

  private async handle(group: Group, lane: Lane, message: OutgoingMessage, json: string, chain: Chain): Promise<void> {
    const handler = group.handlers.get(message.topic);
    if (!handler) return;
    const inner = new Set(chain).add(lane);
    await this.chain.run(inner, async () => {
      const maxAttempts = Math.max(1, this.retry.maxAttempts);
      for (let attempt = 0; ; attempt++) {
        if (this.closed) throw new BusClosedError(`the bus closed before ${group.id} handled ${message.event.id}`);
        try {
          const event = JSON.parse(json) as EventEnvelope;
          await handler({ topic: message.topic, key: message.key, event, attempt });
          return;
        } catch (error) {
          if (attempt + 1 >= maxAttempts) {
            await this.deadLetter(group, message, json, attempt + 1, error);
            return;
          }
          await this.backoff.sleep(this.retry.backoffMs(attempt + 1));
        }
      }
    });
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
    this.logger.warn(
      `${group.id} gave up on ${message.event.type} ${message.event.id} from ${message.topic} after ${attempts} attempts ` +
        `(${deadLetter.error}); it goes to ${deadLetterTopic(message.topic)}`,
    );
    await this.publish([{ topic: deadLetterTopic(message.topic), key: message.key, event: deadLetterEnvelope(deadLetter) }]);
  }
}
