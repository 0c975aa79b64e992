import { randomUUID } from 'node:crypto';
import { deadLetterTopic } from './bus.port';
import { DEAD_LETTER_EVENT_TYPE } from './dead-letter';
import { KafkaBus } from './kafka-bus';
import type { KafkaBusOptions } from './kafka-bus.options';
import { closeForced, loadKafkaClient } from './kafka-client';
import { KafkaHeaders } from './kafka-headers';
import { UnprocessableMessageError } from './unprocessable-message.error';
import { describeBusContract, testEvent, waitFor } from './testing/bus.contract';

const brokers = process.env.KAFKA_BROKERS?.split(',')
  .map((broker) => broker.trim())
  .filter(Boolean);
if (!brokers?.length) {
  console.warn('Kafka bus contract SKIPPED: set KAFKA_BROKERS (e.g. 127.0.0.1:9092) to run it against a real broker');
}

const quietLogger = { log: () => undefined, warn: () => undefined, error: (m: string) => console.error(m) };

/** Short group timeouts so joins, leaves and the whole spec stay quick. */
const fast = (overrides: Partial<KafkaBusOptions> = {}): KafkaBusOptions => ({
  brokers: brokers ?? [],
  clientId: 'messaging-spec',
  sessionTimeoutMs: 6_000,
  heartbeatIntervalMs: 500,
  rebalanceTimeoutMs: 6_000,
  maxWaitTimeMs: 100,
  closeTimeoutMs: 2_000,
  logger: quietLogger,
  ...overrides,
});

describe('KafkaBus (no broker needed)', () => {
  it(`loads @platformatic/kafka on Node ${process.versions.node} (an ES-module-only package, through require)`, () => {
    const kafka = loadKafkaClient();
    expect(typeof kafka.Producer).toBe('function');
    expect(typeof kafka.Consumer).toBe('function');
    expect(typeof kafka.Admin).toBe('function');
  });

  it('needs at least one broker', () => {
    expect(() => new KafkaBus({ brokers: [], clientId: 'x' })).toThrow('at least one broker');
  });
});

(brokers?.length ? describe : describe.skip)('KafkaBus (real broker)', () => {
  describeBusContract('KafkaBus', (retryPolicy) => new KafkaBus(fast({ retryPolicy })), { timeoutMs: 30_000 });

  describe('Kafka specifics', () => {
    const kafka = loadKafkaClient();
    const unique = (label: string): string => `spec.${label}.${Date.now().toString(36)}.${randomUUID().slice(0, 8)}`;
    const buses: KafkaBus[] = [];
    const clients: { close(): Promise<void> }[] = [];
    afterEach(async () => {
      await Promise.all(buses.splice(0).map((bus) => bus.close()));
      await Promise.all(clients.splice(0).map((client) => client.close()));
    });

    it('creates the configured topics and their .dlq at start, with the configured partitions', async () => {
      const topic = unique('start');
      const bus = new KafkaBus(fast({ topics: [topic], partitions: 2 }));
      buses.push(bus);
      await bus.start();
      const admin = new kafka.Admin({ clientId: 'messaging-spec-admin', bootstrapBrokers: brokers! });
      clients.push(admin);
      const metadata = await admin.metadata({ topics: [topic, deadLetterTopic(topic)], forceUpdate: true });
      expect(metadata.topics.get(topic)?.partitionsCount).toBe(2);
      expect(metadata.topics.get(deadLetterTopic(topic))?.partitionsCount).toBe(2);
    }, 20_000);

    it('resolves subscribe once its consumer is in the group with its partitions: what follows is handled at once', async () => {
      const topic = unique('ready');
      const groupId = unique('fresh');
      const bus = new KafkaBus(fast({ partitions: 3 }));
      buses.push(bus);
      const admin = new kafka.Admin({ clientId: 'messaging-spec-admin', bootstrapBrokers: brokers! });
      clients.push(admin);
      const handledAt: number[] = [];
      await bus.subscribe({ groupId, topics: [topic], handler: async () => void handledAt.push(Date.now()) });
      const subscribedAt = Date.now();

      // The group has formed, its only member owning every partition of the topic.
      const group = (await admin.describeGroups({ groups: [groupId] })).get(groupId);
      expect(group?.state).toBe('STABLE');
      expect(group?.members.size).toBe(1);
      const [member] = [...(group?.members.values() ?? [])];
      expect([...(member?.assignments?.get(topic)?.partitions ?? [])].sort()).toEqual([0, 1, 2]);

      // So a message published now waits neither for a group join nor for the start offsets.
      await bus.publish([{ topic, key: 'k', event: testEvent({ ready: true }) }]);
      await waitFor('the message published right after subscribe', () => handledAt.length > 0, 20_000);
      expect(handledAt[0] - subscribedAt).toBeLessThan(3_000);
    }, 30_000);

    it('writes key, JSON envelope and event headers, and dead letters with an error header', async () => {
      const topic = unique('records');
      const bus = new KafkaBus(fast({ retryPolicy: { backoffMs: () => 10 } }));
      buses.push(bus);
      const event = testEvent({ n: 1 });
      await bus.subscribe({
        groupId: unique('failing'),
        topics: [topic],
        handler: async (m) => {
          if (m.attempt === 0) throw new Error('passing trouble');
          throw new UnprocessableMessageError('no way');
        },
      });
      await bus.publish([{ topic, key: 'patient-1', event }]);

      const consumer = new kafka.Consumer({
        clientId: 'messaging-spec-raw',
        groupId: unique('raw'),
        bootstrapBrokers: brokers!,
        deserializers: kafka.stringDeserializers,
        autocommit: false,
        maxWaitTime: 100,
        sessionTimeout: 6_000,
        heartbeatInterval: 500,
        rebalanceTimeout: 6_000,
      });
      clients.push({ close: () => closeForced(consumer) });
      const records: { topic: string; key: string; value: string; headers: Map<string, string> }[] = [];
      const stream = await consumer.consume({
        topics: [topic, deadLetterTopic(topic)],
        autocommit: false,
        mode: kafka.MessagesStreamModes.EARLIEST,
      });
      stream.on('data', (m) => records.push({ topic: m.topic, key: m.key, value: m.value, headers: m.headers }));
      await waitFor('the record and its dead letter', () => records.length >= 2, 20_000);

      const original = records.find((r) => r.topic === topic)!;
      expect(original.key).toBe('patient-1');
      expect(JSON.parse(original.value)).toEqual(event);
      expect(original.headers.get(KafkaHeaders.eventType)).toBe(event.type);
      expect(original.headers.get(KafkaHeaders.eventId)).toBe(event.id);

      const dead = records.find((r) => r.topic === deadLetterTopic(topic))!;
      expect(dead.key).toBe('patient-1');
      expect(dead.headers.get(KafkaHeaders.eventType)).toBe(DEAD_LETTER_EVENT_TYPE);
      expect(dead.headers.get(KafkaHeaders.error)).toBe('no way');
      expect(dead.headers.get(KafkaHeaders.originalTopic)).toBe(topic);
      expect(dead.headers.get(KafkaHeaders.attempts)).toBe('2');
      expect(JSON.parse(dead.value).data).toMatchObject({ error: 'no way', attempts: 2, event });
    }, 30_000);

    it('rejects publish when no broker answers (so a relay keeps its checkpoint), and still closes', async () => {
      const bus = new KafkaBus(fast({ brokers: ['127.0.0.1:1'] }));
      buses.push(bus);
      await expect(bus.publish([{ topic: unique('nowhere'), key: 'k', event: testEvent({}) }])).rejects.toThrow();
      await bus.close();
    }, 30_000);

    it('shares the partitions between members of one group, every message handled, keys in order', async () => {
      const topic = unique('members');
      const groupId = unique('g');
      const handled = new Map<string, { member: string; seq: number }[]>();
      const member = (name: string) => async (m: { key: string; event: { data: unknown } }) => {
        const list = handled.get(m.key) ?? [];
        list.push({ member: name, seq: (m.event.data as { seq: number }).seq });
        handled.set(m.key, list);
      };
      const a = new KafkaBus(fast());
      const b = new KafkaBus(fast());
      buses.push(a, b);
      await a.subscribe({ groupId, topics: [topic], handler: member('a') });
      await b.subscribe({ groupId, topics: [topic], handler: member('b') });
      const keys = Array.from({ length: 12 }, (_, i) => `key-${i}`);
      for (let seq = 0; seq < 60; seq += 12) {
        await a.publish(keys.map((key, i) => ({ topic, key, event: testEvent({ seq: seq + i }) })));
      }
      const count = (): number => [...handled.values()].reduce((n, list) => n + new Set(list.map((h) => h.seq)).size, 0);
      await waitFor('60 distinct messages', () => count() >= 60, 20_000);
      const members = new Set([...handled.values()].flatMap((list) => list.map((h) => h.member)));
      expect(members).toEqual(new Set(['a', 'b']));
      for (const list of handled.values()) {
        const firstSeen = list.map((h) => h.seq).filter((seq, i, all) => all.indexOf(seq) === i);
        expect(firstSeen).toEqual([...firstSeen].sort((x, y) => x - y));
      }
    }, 30_000);

    it('commits after handling, so a restarted group does not see handled messages again', async () => {
      const topic = unique('committed');
      const groupId = unique('g');
      const first = new KafkaBus(fast());
      buses.push(first);
      const seen: string[] = [];
      await first.subscribe({ groupId, topics: [topic], handler: async (m) => void seen.push(m.event.id) });
      const events = Array.from({ length: 5 }, (_, i) => testEvent({ i }));
      await first.publish(events.map((event) => ({ topic, key: event.streamId, event })));
      await waitFor('five messages', () => seen.length >= 5, 20_000);
      await first.close();

      const second = new KafkaBus(fast());
      buses.push(second);
      const again: string[] = [];
      await second.subscribe({ groupId, topics: [topic], handler: async (m) => void again.push(m.event.id) });
      const later = testEvent({ later: true });
      await second.publish([{ topic, key: 'k', event: later }]);
      await waitFor('the later message', () => again.includes(later.id), 20_000);
      expect(again).toEqual([later.id]);
    }, 30_000);
  });
});
