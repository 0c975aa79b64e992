import { randomUUID } from 'node:crypto';
import type { EventEnvelope } from '@app/contracts';
import { DomainError } from '@app/eventstore/decider';
import { EventIdConflictError } from '@app/eventstore/event-id-conflict.error';
import { deadLetterTopic, type Bus, type IncomingMessage, type RetryPolicy } from '../bus.port';
import { DEAD_LETTER_EVENT_TYPE, type DeadLetter } from '../dead-letter';
import { UnprocessableMessageError } from '../unprocessable-message.error';

/** Makes a fresh bus; every bus the contract makes is closed by the contract. */
export type BusFactory = (retryPolicy: RetryPolicy) => Bus | Promise<Bus>;

export interface BusContractOptions {
  /** Jest timeout per test (ms). Default 30 000. */
  timeoutMs?: number;
  /** How long to wait for a delivery before failing (ms). Default 20 000. */
  deliveryTimeoutMs?: number;
  /**
   * Skip the redelivery-after-restart test, with the reason. Only for a bus that keeps nothing once closed
   * (in-process): a new instance cannot redeliver what the old one held in memory.
   */
  skipRedelivery?: string;
}

/** The retry policy the contract hands to the factory: quick, capped at 100 ms. */
export const contractRetryPolicy: RetryPolicy = { backoffMs: (attempt) => Math.min(20 * attempt, 100) };

/** For the tests that close a bus while a handler waits to retry: a backoff far longer than any test. */
const slowRetryPolicy: RetryPolicy = { backoffMs: () => 10 * 60_000 };

/** The failures no retry can fix, each as a consumer would meet it. */
const unprocessable: Record<string, () => Error> = {
  domain: () => new DomainError('booking_not_pending', 'the booking is no longer pending'),
  eventIds: () => new EventIdConflictError('booking-1', 'e-1', 'other_stream', 'is already stored in stream booking-2'),
  unreadable: () => new UnprocessableMessageError('version 7 of contract.TestEvent is unknown'),
};

const unique = (label: string): string => `contract.${label}.${Date.now().toString(36)}.${randomUUID().slice(0, 8)}`;

export const testEvent = <T>(data: T, overrides: Partial<EventEnvelope<T>> = {}): EventEnvelope<T> => ({
  id: randomUUID(),
  type: 'contract.TestEvent',
  version: 1,
  streamId: `contract-${randomUUID()}`,
  streamPosition: 0,
  correlationId: randomUUID(),
  causationId: randomUUID(),
  actor: { organisation: 'X26', organisationType: 'provider', user: 'tester', role: 'admin', federations: ['fed-a'] },
  occurredAt: new Date().toISOString(),
  data,
  ...overrides,
});

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export async function waitFor(what: string, condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(20);
  }
}

/**
 * The behaviour every Bus adapter must show: roundtrip, fan-out to groups, per-key order, retries, dead letters and
 * redelivery of what was not acknowledged.
 */
export function describeBusContract(name: string, factory: BusFactory, options: BusContractOptions = {}): void {
  const timeout = options.timeoutMs ?? 30_000;
  const deliveryTimeout = options.deliveryTimeoutMs ?? 20_000;

  describe(`${name}: bus contract`, () => {
    const open = new Set<Bus>();

    const newBus = async (retryPolicy = contractRetryPolicy): Promise<Bus> => {
      const bus = await factory(retryPolicy);
      open.add(bus);
      return bus;
    };

    afterEach(async () => {
      await Promise.all([...open].map((bus) => bus.close()));
      open.clear();
    });

    it(
      'delivers a published message with its envelope intact',
      async () => {
        const bus = await newBus();
        const topic = unique('roundtrip');
        const received: IncomingMessage[] = [];
        await bus.subscribe({ groupId: unique('g'), topics: [topic], handler: async (m) => void received.push(m) });

        const event = testEvent(
          { slotId: 's-1', nested: { list: [1, 'two', null], flag: true }, unicode: 'Zoë – ✓' },
          { streamPosition: 7, globalPosition: '123456' },
        );
        await bus.publish([{ topic, key: event.streamId, event }]);

        await waitFor('the message', () => received.length >= 1, deliveryTimeout);
        expect(received).toHaveLength(1);
        expect(received[0]).toEqual({ topic, key: event.streamId, event, attempt: 0 });
      },
      timeout,
    );

    it(
      'gives every message to each consumer group',
      async () => {
        const bus = await newBus();
        const topic = unique('groups');
        const [a, b] = [unique('a'), unique('b')];
        const seen: Record<string, string[]> = { [a]: [], [b]: [] };
        await Promise.all(
          [a, b].map((groupId) =>
            bus.subscribe({ groupId, topics: [topic], handler: async (m) => void seen[groupId].push(m.event.id) }),
          ),
        );

        const events = Array.from({ length: 6 }, (_, i) => testEvent({ i }));
        await bus.publish(events.map((event, i) => ({ topic, key: `k${i % 3}`, event })));

        const ids = events.map((e) => e.id).sort();
        await waitFor('both groups', () => seen[a].length >= 6 && seen[b].length >= 6, deliveryTimeout);
        expect([...seen[a]].sort()).toEqual(ids);
        expect([...seen[b]].sort()).toEqual(ids);
      },
      timeout,
    );

    it(
      'keeps the order of messages with the same key',
      async () => {
        const bus = await newBus();
        const topic = unique('order');
        const keys = ['patient-a', 'patient-b', 'patient-c'];
        const seen = new Map<string, number[]>(keys.map((k) => [k, []]));
        let total = 0;
        await bus.subscribe({
          groupId: unique('g'),
          topics: [topic],
          handler: async (m) => {
            // Uneven handler times, so an adapter that let one key overtake itself would show it.
            await sleep((m.event.data as { seq: number }).seq % 3);
            seen.get(m.key)!.push((m.event.data as { seq: number }).seq);
            total++;
          },
        });

        const messages = Array.from({ length: 50 }, (_, seq) => {
          const key = keys[(seq * 7) % 3];
          return { topic, key, event: testEvent({ seq }, { streamId: key }) };
        });
        // In batches, each awaited, as a relay publishes.
        for (let i = 0; i < messages.length; i += 10) await bus.publish(messages.slice(i, i + 10));

        await waitFor('50 messages', () => total >= 50, deliveryTimeout);
        for (const key of keys) {
          const expected = messages.filter((m) => m.key === key).map((m) => (m.event.data as { seq: number }).seq);
          expect(seen.get(key)).toEqual(expected);
        }
      },
      timeout,
    );

    it(
      'retries a failing handler until it succeeds, recording the effect once',
      async () => {
        const bus = await newBus();
        const topic = unique('retry');
        const attempts: number[] = [];
        const effects: string[] = [];
        const sentinels: string[] = [];
        await bus.subscribe({
          groupId: unique('g'),
          topics: [topic],
          handler: async (m) => {
            if ((m.event.data as { sentinel?: boolean }).sentinel) return void sentinels.push(m.event.id);
            attempts.push(m.attempt);
            if (m.attempt < 2) throw new Error(`transient failure ${m.attempt}`);
            effects.push(m.event.id);
          },
        });

        const event = testEvent({ n: 1 });
        const sentinel = testEvent({ sentinel: true });
        await bus.publish([{ topic, key: 'k', event }]);
        // Same key: once the sentinel is through, the first message is finished with for good.
        await bus.publish([{ topic, key: 'k', event: sentinel }]);

        await waitFor('the sentinel', () => sentinels.length >= 1, deliveryTimeout);
        expect(attempts).toEqual([0, 1, 2]);
        expect(effects).toEqual([event.id]);
      },
      timeout,
    );

    it(
      'retries a passing failure without limit, holding back only the messages of its key, and dead-letters nothing',
      async () => {
        const bus = await newBus();
        const topic = unique('outage');
        let outage = true;
        let blockedAttempts = 0;
        const handled: string[] = [];
        const dead: IncomingMessage[] = [];
        await bus.subscribe({
          groupId: unique('g'),
          topics: [topic],
          handler: async (m) => {
            if (m.key === 'blocked' && outage) {
              blockedAttempts++;
              throw new Error('the database is away');
            }
            handled.push(m.key === 'blocked' ? (m.event.data as { name: string }).name : m.key);
          },
        });
        await bus.subscribe({ groupId: unique('dlq-reader'), topics: [deadLetterTopic(topic)], handler: async (m) => void dead.push(m) });

        const others = Array.from({ length: 12 }, (_, i) => `other-${i}`);
        // The in-process bus resolves publish once handled: not awaited until the outage is over.
        const published = bus.publish([
          ...['first', 'second'].map((name) => ({ topic, key: 'blocked', event: testEvent({ name }) })),
          ...others.map((key) => ({ topic, key, event: testEvent({ key }) })),
        ]);
        published.catch(() => undefined);

        // Many more attempts than a bounded retry would make, while other keys (other partitions or lanes) go on.
        await waitFor('10 attempts and other keys handled', () => blockedAttempts >= 10 && handled.length > 0, deliveryTimeout);
        expect(handled).not.toContain('first');
        expect(handled).not.toContain('second');

        outage = false;
        await waitFor('everything', () => handled.length >= others.length + 2, deliveryTimeout);
        await published;
        expect(handled.filter((name) => name === 'first' || name === 'second')).toEqual(['first', 'second']);
        expect([...handled].filter((key) => key.startsWith('other-')).sort()).toEqual([...others].sort());
        await sleep(300);
        expect(dead).toEqual([]);
      },
      timeout,
    );

    it(
      'sends a message that can never succeed to <topic>.dlq at once and goes on with later messages',
      async () => {
        const bus = await newBus();
        const topic = unique('dlq');
        const groupId = unique('g');
        const calls = new Map<string, number>();
        const handled: string[] = [];
        const dead: IncomingMessage[] = [];
        await bus.subscribe({
          groupId,
          topics: [topic],
          handler: async (m) => {
            const { failure } = m.event.data as { failure?: string };
            if (failure) {
              calls.set(failure, (calls.get(failure) ?? 0) + 1);
              throw unprocessable[failure]();
            }
            handled.push(m.event.id);
          },
        });
        await bus.subscribe({
          groupId: unique('dlq-reader'),
          topics: [deadLetterTopic(topic)],
          handler: async (m) => void dead.push(m),
        });

        const poisons = Object.keys(unprocessable).map((failure) => testEvent({ failure }));
        const next = testEvent({ failure: undefined });
        await bus.publish(poisons.map((event) => ({ topic, key: 'same-key', event })));
        await bus.publish([{ topic, key: 'same-key', event: next }]);

        await waitFor('the later message and the dead letters', () => handled.length >= 1 && dead.length >= poisons.length, deliveryTimeout);
        expect(handled).toEqual([next.id]);
        expect(Object.fromEntries(calls)).toEqual({ domain: 1, eventIds: 1, unreadable: 1 });
        expect(dead).toHaveLength(poisons.length);
        expect(dead.map((m) => m.topic)).toEqual(poisons.map(() => deadLetterTopic(topic)));
        expect(dead.map((m) => m.key)).toEqual(poisons.map(() => 'same-key'));
        const envelopes = dead.map((m) => m.event as EventEnvelope<DeadLetter>);
        expect(envelopes.map((e) => e.type)).toEqual(poisons.map(() => DEAD_LETTER_EVENT_TYPE));
        expect(envelopes.map((e) => e.causationId)).toEqual(poisons.map((p) => p.id));
        expect(envelopes[2].data).toEqual({
          topic,
          key: 'same-key',
          groupId,
          attempts: 1,
          error: 'version 7 of contract.TestEvent is unknown',
          event: poisons[2],
        });
      },
      timeout,
    );

    it(
      'cuts a retry backoff short when the bus closes, dead-lettering nothing',
      async () => {
        const bus = await newBus(slowRetryPolicy);
        const topic = unique('close-backoff');
        let attempts = 0;
        const dead: IncomingMessage[] = [];
        await bus.subscribe({
          groupId: unique('g'),
          topics: [topic],
          handler: async () => {
            attempts++;
            throw new Error('the broker is away');
          },
        });
        await bus.subscribe({ groupId: unique('dlq-reader'), topics: [deadLetterTopic(topic)], handler: async (m) => void dead.push(m) });
        const published = bus.publish([{ topic, key: 'k', event: testEvent({}) }]).catch((error: unknown) => error);
        await waitFor('the first attempt', () => attempts >= 1, deliveryTimeout);

        const started = Date.now();
        await bus.close();

        expect(Date.now() - started).toBeLessThan(5_000);
        expect(attempts).toBe(1);
        expect(dead).toEqual([]);
        // The in-process bus tells its publisher the message was not handled; a broker had already taken it.
        const outcome = await published;
        if (outcome !== undefined) expect(String(outcome)).toContain('closed');
      },
      timeout,
    );

    it(
      'closes one subscription: waits for its running handler, then hands it nothing more',
      async () => {
        const bus = await newBus();
        const topic = unique('close-subscription');
        let release!: () => void;
        const gate = new Promise<void>((resolve) => (release = resolve));
        const handled: string[] = [];
        let running = false;
        const subscription = await bus.subscribe({
          groupId: unique('g'),
          topics: [topic],
          handler: async (m) => {
            running = true;
            await gate;
            handled.push(m.event.id);
          },
        });
        const first = testEvent({ n: 1 });
        const publishedFirst = bus.publish([{ topic, key: 'k', event: first }]);
        await waitFor('the handler to start', () => running, deliveryTimeout);

        let closed = false;
        const closing = subscription.close().then(() => (closed = true));
        await sleep(200);
        expect(closed).toBe(false);
        release();
        await closing;
        await publishedFirst;
        expect(handled).toEqual([first.id]);

        const later = testEvent({ n: 2 });
        await bus.publish([{ topic, key: 'k', event: later }]).catch(() => undefined);
        await sleep(500);
        expect(handled).toEqual([first.id]);
      },
      timeout,
    );

    (options.skipRedelivery ? it.skip : it)(
      'redelivers a message to the group after a restart when it was not acknowledged' +
        (options.skipRedelivery ? ` (skipped: ${options.skipRedelivery})` : ''),
      async () => {
        const topic = unique('redeliver');
        const groupId = unique('g');
        const first = await newBus();
        let closing: Promise<void> | undefined;
        const firstSeen: string[] = [];
        await first.subscribe({
          groupId,
          topics: [topic],
          handler: async (m) => {
            firstSeen.push(m.event.id);
            // The process "dies" while handling: the bus goes down before it could acknowledge.
            closing ??= first.close();
          },
        });
        const event = testEvent({ n: 1 });
        await first.publish([{ topic, key: 'k', event }]);
        await waitFor('the first delivery', () => closing !== undefined, deliveryTimeout);
        await closing;
        expect(firstSeen).toEqual([event.id]);

        const second = await newBus();
        const secondSeen: IncomingMessage[] = [];
        await second.subscribe({ groupId, topics: [topic], handler: async (m) => void secondSeen.push(m) });
        await waitFor('the redelivery', () => secondSeen.length >= 1, deliveryTimeout);
        expect(secondSeen[0].event).toEqual(event);
      },
      timeout,
    );

    (options.skipRedelivery ? it.skip : it)(
      'redelivers to the group what a closed subscription was still retrying' +
        (options.skipRedelivery ? ` (skipped: ${options.skipRedelivery})` : ''),
      async () => {
        const topic = unique('redeliver-retrying');
        const groupId = unique('g');
        const bus = await newBus(slowRetryPolicy);
        let attempts = 0;
        const subscription = await bus.subscribe({
          groupId,
          topics: [topic],
          handler: async () => {
            attempts++;
            throw new Error('the read model is away');
          },
        });
        const event = testEvent({ n: 1 });
        await bus.publish([{ topic, key: 'k', event }]);
        await waitFor('the first attempt', () => attempts >= 1, deliveryTimeout);
        await subscription.close();

        const seen: IncomingMessage[] = [];
        await bus.subscribe({ groupId, topics: [topic], handler: async (m) => void seen.push(m) });
        await waitFor('the redelivery', () => seen.length >= 1, deliveryTimeout);
        expect(seen[0].event).toEqual(event);
        expect(attempts).toBe(1);
      },
      timeout,
    );
  });
}
