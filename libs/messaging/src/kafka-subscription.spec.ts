import { EventEmitter } from 'node:events';
import { kafkaBusSettings } from './kafka-bus.options';
import type { KafkaClientLibrary } from './kafka-client';
import { KafkaSubscription, type KafkaBusServices } from './kafka-subscription';

/** A message stream that knows no start offsets until the test gives them. */
class FakeStream extends EventEmitter {
  readonly offsetsToFetch = new Map<string, bigint>();
  close = async (): Promise<void> => undefined;

  seedOffsets(assignments: { topic: string; partitions: number[] }[]): void {
    for (const { topic, partitions } of assignments) for (const p of partitions) this.offsetsToFetch.set(`${topic}:${p}`, 0n);
    this.emit('offsets');
  }
}

/** A consumer that joins its group only when the test says so. */
class FakeConsumer extends EventEmitter {
  memberId: string | null = null;
  assignments: { topic: string; partitions: number[] }[] | null = null;
  readonly stream = new FakeStream();
  /** A member with a scheduled heartbeat, as the client reports it. */
  active = true;
  joinGroupCalls = 0;
  /** How many of the next joinGroup calls fail (as they do while the broker is away). */
  failingJoins = 0;
  consume = async (): Promise<FakeStream> => this.stream;
  close = async (): Promise<void> => undefined;
  isActive = (): boolean => this.active;
  joinGroup = async (): Promise<string> => {
    this.joinGroupCalls++;
    if (this.failingJoins > 0) {
      this.failingJoins--;
      throw new Error('metadata failed 4 times.');
    }
    this.active = true;
    return this.memberId ?? 'member-1';
  };

  join(partitions = [0, 1, 2]): void {
    this.memberId = 'member-1';
    this.assignments = [{ topic: 't', partitions }];
    this.emit('consumer:group:join', { groupId: 'g', memberId: this.memberId, assignments: this.assignments });
  }
}

const setUp = (readyTimeoutMs: number, sessionTimeoutMs?: number) => {
  const consumer = new FakeConsumer();
  const warnings: string[] = [];
  const logs: string[] = [];
  const kafka = {
    Consumer: function Consumer() {
      return consumer;
    },
    MessagesStreamModes: { COMMITTED: 'committed' },
    MessagesStreamFallbackModes: { EARLIEST: 'earliest' },
  } as unknown as KafkaClientLibrary;
  const bus: KafkaBusServices = {
    kafka,
    settings: kafkaBusSettings({ brokers: ['127.0.0.1:1'], clientId: 'spec', readyTimeoutMs, sessionTimeoutMs }),
    send: async () => undefined,
    logger: { log: (m) => void logs.push(m), warn: (m) => void warnings.push(m), error: () => undefined },
  };
  const subscription = new KafkaSubscription(bus, { groupId: 'g', topics: ['t'], handler: async () => undefined });
  return { consumer, warnings, logs, subscription };
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A started subscription whose consumer is in its group; membership is checked every second (session 3 s). */
const started = async () => {
  const setup = setUp(10_000, 3_000);
  setup.consumer.consume = async () => {
    setup.consumer.join();
    setup.consumer.stream.seedOffsets(setup.consumer.assignments!);
    return setup.consumer.stream;
  };
  await setup.subscription.start();
  return setup;
};

const settledWithin = async (promise: Promise<unknown>, ms: number): Promise<boolean> => {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  const settled = await Promise.race([promise.then(() => true as const), timeout]);
  clearTimeout(timer);
  return settled;
};

describe('KafkaSubscription readiness (fake consumer standing in for the Kafka client; no broker needed)', () => {
  it('starts once the consumer has joined its group and its stream knows where to start', async () => {
    const { consumer, warnings, subscription } = setUp(10_000);
    const starting = subscription.start();
    expect(await settledWithin(starting, 100)).toBe(false);
    consumer.join();
    expect(await settledWithin(starting, 100)).toBe(false);
    consumer.stream.seedOffsets(consumer.assignments!);
    expect(await settledWithin(starting, 1_000)).toBe(true);
    expect(warnings).toEqual([]);
    await subscription.close();
  });

  it('does not wait when the consumer is ready as soon as it consumes', async () => {
    const { consumer, warnings, subscription } = setUp(10_000);
    consumer.consume = async () => {
      consumer.join();
      consumer.stream.seedOffsets(consumer.assignments!);
      return consumer.stream;
    };
    expect(await settledWithin(subscription.start(), 1_000)).toBe(true);
    expect(warnings).toEqual([]);
    await subscription.close();
  });

  it('is ready with an empty assignment (more members than partitions)', async () => {
    const { consumer, warnings, subscription } = setUp(10_000);
    const starting = subscription.start();
    consumer.join([]);
    expect(await settledWithin(starting, 1_000)).toBe(true);
    expect(warnings).toEqual([]);
    await subscription.close();
  });

  it('gives up waiting after readyTimeoutMs, with a warning, instead of hanging', async () => {
    const { warnings, subscription } = setUp(300);
    const started = Date.now();
    await subscription.start();
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    expect(warnings).toEqual([expect.stringContaining('not ready after 300 ms')]);
    await subscription.close();
  });

  it('stops waiting when closed', async () => {
    const { warnings, subscription } = setUp(60_000);
    const starting = subscription.start();
    expect(await settledWithin(starting, 100)).toBe(false);
    void subscription.close();
    expect(await settledWithin(starting, 1_000)).toBe(true);
    expect(warnings).toEqual([]);
  });
});

describe('KafkaSubscription group membership (fake consumer; no broker needed)', () => {
  it('leaves an active member alone', async () => {
    const { consumer, warnings, subscription } = await started();
    await sleep(2_500);
    expect(consumer.joinGroupCalls).toBe(0);
    expect(warnings).toEqual([]);
    await subscription.close();
  });

  it('rejoins when the client stopped heartbeating (what a broker restart leaves behind)', async () => {
    const { consumer, warnings, logs, subscription } = await started();
    consumer.active = false;
    // Two checks a second apart see it inactive, then it rejoins.
    await sleep(2_600);
    expect(consumer.joinGroupCalls).toBe(1);
    expect(consumer.active).toBe(true);
    expect(logs).toContainEqual(expect.stringContaining('consumer g rejoined its group'));
    expect(warnings).toEqual([]);
    await sleep(1_200);
    expect(consumer.joinGroupCalls).toBe(1);
    await subscription.close();
  });

  it('keeps trying while the broker is away, warning once', async () => {
    const { consumer, warnings, logs, subscription } = await started();
    consumer.active = false;
    consumer.failingJoins = 2;
    await sleep(4_600);
    expect(consumer.joinGroupCalls).toBe(3);
    expect(warnings).toEqual([expect.stringContaining('consumer g lost its group membership and cannot rejoin yet')]);
    expect(logs).toContainEqual(expect.stringContaining('rejoined its group after 2 failed attempts'));
    await subscription.close();
  });

  it('stops checking once closed', async () => {
    const { consumer, subscription } = await started();
    await subscription.close();
    consumer.active = false;
    await sleep(2_500);
    expect(consumer.joinGroupCalls).toBe(0);
  });
});
