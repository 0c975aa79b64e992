import { randomUUID } from 'node:crypto';
import type { EventEnvelope } from '@app/contracts';
import { deadLetterTopic, type Bus, type IncomingMessage, type RetryPolicy } from '../bus.port';
import { DEAD_LETTER_EVENT_TYPE, type DeadLetter } from '../dead-letter';

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

/** The retry policy the contract hands to the factory: quick, and enough attempts for "fails twice, then works". */
export const contractRetryPolicy: RetryPolicy = { maxAttempts: 4, backoffMs: (attempt) => 20 * attempt };

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

    const newBus = async (): Promise<Bus> => {
      const bus = await factory(contractRetryPolicy);
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
      'sends a message whose handler always fails to <topic>.dlq and goes on with later messages',
      async () => {
        const bus = await newBus();
        const topic = unique('dlq');
        const groupId = unique('g');
        let poisonCalls = 0;
        const handled: string[] = [];
        const dead: IncomingMessage[] = [];
        await bus.subscribe({
          groupId,
          topics: [topic],
          handler: async (m) => {
            if ((m.event.data as { poison?: boolean }).poison) {
              poisonCalls++;
              throw new Error('cannot handle this one');
            }
            handled.push(m.event.id);
          },
        });
        await bus.subscribe({
          groupId: unique('dlq-reader'),
          topics: [deadLetterTopic(topic)],
          handler: async (m) => void dead.push(m),
        });

        const poison = testEvent({ poison: true });
        const next = testEvent({ poison: false });
        await bus.publish([{ topic, key: 'same-key', event: poison }]);
        await bus.publish([{ topic, key: 'same-key', event: next }]);

        await waitFor('the later message and the dead letter', () => handled.length >= 1 && dead.length >= 1, deliveryTimeout);
        expect(handled).toEqual([next.id]);
        expect(poisonCalls).toBe(contractRetryPolicy.maxAttempts);
        expect(dead).toHaveLength(1);
        expect(dead[0].topic).toBe(deadLetterTopic(topic));
        expect(dead[0].key).toBe('same-key');
        const envelope = dead[0].event as EventEnvelope<DeadLetter>;
        expect(envelope.type).toBe(DEAD_LETTER_EVENT_TYPE);
        expect(envelope.causationId).toBe(poison.id);
        expect(envelope.data).toEqual({
          topic,
          key: 'same-key',
          groupId,
          attempts: contractRetryPolicy.maxAttempts,
          error: 'cannot handle this one',
          event: poison,
        });
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
  });
}
