import type { IncomingMessage } from './bus.port';
import { InProcessBus } from './in-process-bus';
import { UnprocessableMessageError } from './unprocessable-message.error';
import { describeBusContract, testEvent, waitFor } from './testing/bus.contract';

const quietLogger = { warn: () => undefined, error: () => undefined };

describeBusContract('InProcessBus', (retryPolicy) => new InProcessBus({ retryPolicy, logger: quietLogger }), {
  skipRedelivery: 'an in-process bus keeps nothing once closed; embedded mode redelivers through the relay checkpoint',
});

describe('InProcessBus (embedded specifics)', () => {
  const retryPolicy = { backoffMs: () => 5 };
  let bus: InProcessBus;
  beforeEach(() => {
    bus = new InProcessBus({ retryPolicy, logger: quietLogger });
  });
  afterEach(() => bus.close());

  it('resolves publish only after every group has finished with the message', async () => {
    const done: string[] = [];
    await bus.subscribe({ groupId: 'fast', topics: ['t'], handler: async () => void done.push('fast') });
    await bus.subscribe({
      groupId: 'slow',
      topics: ['t'],
      handler: async () => {
        await new Promise((r) => setTimeout(r, 50));
        done.push('slow');
      },
    });
    await bus.publish([{ topic: 't', key: 'k', event: testEvent({}) }]);
    expect(done.sort()).toEqual(['fast', 'slow']);
  });

  it('resolves publish after a message was dead-lettered (handled, as far as the publisher is concerned)', async () => {
    const dead: IncomingMessage[] = [];
    await bus.subscribe({ groupId: 'g', topics: ['t'], handler: () => Promise.reject(new UnprocessableMessageError('boom')) });
    await bus.subscribe({ groupId: 'd', topics: ['t.dlq'], handler: async (m) => void dead.push(m) });
    await bus.publish([{ topic: 't', key: 'k', event: testEvent({}) }]);
    expect(dead).toHaveLength(1);
  });

  it('runs different keys concurrently and the same key one at a time', async () => {
    let running = 0;
    let peak = 0;
    const perKeyRunning = new Map<string, number>();
    let perKeyPeak = 0;
    await bus.subscribe({
      groupId: 'g',
      topics: ['t'],
      handler: async (m) => {
        running++;
        peak = Math.max(peak, running);
        perKeyRunning.set(m.key, (perKeyRunning.get(m.key) ?? 0) + 1);
        perKeyPeak = Math.max(perKeyPeak, perKeyRunning.get(m.key)!);
        await new Promise((r) => setTimeout(r, 10));
        perKeyRunning.set(m.key, perKeyRunning.get(m.key)! - 1);
        running--;
      },
    });
    const keys = Array.from({ length: 40 }, (_, i) => `key-${i}`);
    await bus.publish(keys.flatMap((key) => [0, 1].map(() => ({ topic: 't', key, event: testEvent({}) }))));
    expect(peak).toBeGreaterThan(1);
    expect(peak).toBeLessThanOrEqual(8);
    expect(perKeyPeak).toBe(1);
  });

  it('does not deadlock when a handler publishes to its own lane, and delivers that message after it', async () => {
    const seen: string[] = [];
    await bus.subscribe({
      groupId: 'g',
      topics: ['t'],
      handler: async (m) => {
        seen.push(m.event.id);
        if ((m.event.data as { first?: boolean }).first) {
          await bus.publish([{ topic: 't', key: m.key, event: testEvent({ first: false }, { id: 'second' }) }]);
        }
      },
    });
    await bus.publish([{ topic: 't', key: 'k', event: testEvent({ first: true }, { id: 'first' }) }]);
    await waitFor('the second message', () => seen.length === 2, 1000);
    expect(seen).toEqual(['first', 'second']);
  });

  it('hands each group its own copy of the envelope', async () => {
    const copies: unknown[] = [];
    const handler = async (m: IncomingMessage): Promise<void> => {
      copies.push(m.event);
      (m.event.data as { touched?: boolean }).touched = true;
    };
    await bus.subscribe({ groupId: 'a', topics: ['t'], handler });
    await bus.subscribe({ groupId: 'b', topics: ['t'], handler });
    const event = testEvent({ n: 1 });
    await bus.publish([{ topic: 't', key: 'k', event }]);
    expect(copies).toHaveLength(2);
    expect(copies[0]).not.toBe(copies[1]);
    expect(event.data).toEqual({ n: 1 });
  });

  /**
   * Subscribes group `g` to `t` with a handler that holds at a gate, publishes 'one' and 'two' on one key, and
   * waits until 'one' is being handled (so 'two' is queued behind it).
   */
  const publishBehindGatedHandler = async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const handled: string[] = [];
    let started = false;
    const subscription = await bus.subscribe({
      groupId: 'g',
      topics: ['t'],
      handler: async (m) => {
        started = true;
        await gate;
        handled.push(m.event.id);
      },
    });
    const first = bus.publish([{ topic: 't', key: 'k', event: testEvent({}, { id: 'one' }) }]);
    const queued = bus.publish([{ topic: 't', key: 'k', event: testEvent({}, { id: 'two' }) }]);
    const outcomes = Promise.allSettled([first, queued]);
    await waitFor('the first handler', () => started, 1000);
    return { subscription, release, handled, outcomes };
  };

  it('rejects queued deliveries on close so the publisher does not move its checkpoint', async () => {
    const { release, handled, outcomes } = await publishBehindGatedHandler();
    const closing = bus.close();
    release();
    await closing;
    const [one, two] = await outcomes;
    expect(one.status).toBe('fulfilled');
    expect(two.status === 'rejected' && String(two.reason)).toContain('closed');
    expect(handled).toEqual(['one']);
    await expect(bus.publish([{ topic: 't', key: 'k', event: testEvent({}) }])).rejects.toThrow('closed');
  });

  it('rejects deliveries queued for a closed subscription, and later ones, so publishers keep their checkpoint', async () => {
    const { subscription, release, handled, outcomes } = await publishBehindGatedHandler();

    const closing = subscription.close();
    release();
    await closing;

    const [one, two] = await outcomes;
    expect(one.status).toBe('fulfilled');
    expect(two.status === 'rejected' && String(two.reason)).toContain('closed');
    await expect(bus.publish([{ topic: 't', key: 'k', event: testEvent({}, { id: 'three' }) }])).rejects.toThrow('closed');
    expect(handled).toEqual(['one']);

    // The group may subscribe again (a restarted consumer): it takes messages from then on.
    await bus.subscribe({ groupId: 'g', topics: ['t'], handler: async (m) => void handled.push(m.event.id) });
    await bus.publish([{ topic: 't', key: 'k', event: testEvent({}, { id: 'four' }) }]);
    expect(handled).toEqual(['one', 'four']);
  });

  it('closes one subscription without touching the others', async () => {
    const handled: string[] = [];
    const closedOne = await bus.subscribe({ groupId: 'a', topics: ['t'], handler: async () => void handled.push('a') });
    await bus.subscribe({ groupId: 'b', topics: ['u'], handler: async () => void handled.push('b') });
    await closedOne.close();

    await bus.publish([{ topic: 'u', key: 'k', event: testEvent({}) }]);

    expect(handled).toEqual(['b']);
  });

  it('refuses a second subscription of the same group to the same topic', async () => {
    await bus.subscribe({ groupId: 'g', topics: ['t'], handler: async () => undefined });
    await expect(bus.subscribe({ groupId: 'g', topics: ['t'], handler: async () => undefined })).rejects.toThrow(
      'already subscribes',
    );
  });
});
