import { randomUUID } from 'node:crypto';
import type { Actor } from '@app/contracts';
import {
  WrongExpectedRevisionError,
  type EventStore,
  type ExpectedRevision,
  type NewEvent,
  type RecordedEvent,
  type SubscribeOptions,
  type Subscription,
} from '../event-store.port';

export interface EventStoreFixture {
  store: EventStore;
  /** Closes the store and removes whatever the factory created. */
  cleanup(): Promise<void>;
}

/** Generous: a shared KurrentDB server may be busy. */
const testTimeoutMs = 30_000;

const actor: Actor = {
  organisation: 'RXX01',
  organisationType: 'trust',
  user: 'contract-test',
  role: 'clinician',
  federations: ['north'],
};

const newEvent = (type: string, data: unknown = { type }): NewEvent => ({
  id: randomUUID(),
  type,
  version: 1,
  data,
  correlationId: `correlation-${randomUUID()}`,
  causationId: `causation-${randomUUID()}`,
  actor,
  occurredAt: '2025-03-01T09:30:00.000Z',
});

/** Unique per test: the KurrentDB server is shared between tests and runs. */
const uniqueStream = (label: string) => `contract_${label}-${randomUUID()}`;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const waitFor = async (condition: () => boolean, what: string, timeoutMs = 15_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
};

const ids = (events: { id: string }[]) => events.map((event) => event.id);

const caught = async (promise: Promise<unknown>): Promise<unknown> => {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject');
};

/** Records every batch a subscription delivers, and whether two handler calls ever overlapped. */
class Recorder {
  readonly batches: RecordedEvent[][] = [];
  private inFlight = 0;
  maxInFlight = 0;

  readonly handler = async (events: RecordedEvent[]): Promise<void> => {
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    // Yield so a concurrent call, if the subscription made one, would overlap this one.
    await sleep(2);
    this.batches.push(events);
    this.inFlight--;
  };

  get events(): RecordedEvent[] {
    return this.batches.flat();
  }

  of(streamId: string): RecordedEvent[] {
    return this.events.filter((event) => event.streamId === streamId);
  }
}

/**
 * The behaviour every EventStore adapter must show. Each test gets a fresh store from `factory` and writes only
 * to streams of its own, so the suite also runs against a shared server holding other data.
 */
export const describeEventStoreContract = (name: string, factory: () => Promise<EventStoreFixture>): void => {
  describe(`${name} (EventStore contract)`, () => {
    let fixture: EventStoreFixture | undefined;
    let store: EventStore;
    const subscriptions: Subscription[] = [];

    const subscribe = (recorder: Recorder, options: SubscribeOptions = {}) => {
      const subscription = store.subscribeToAll(recorder.handler, options);
      subscriptions.push(subscription);
      return subscription;
    };

    beforeEach(async () => {
      fixture = await factory();
      store = fixture.store;
    });

    afterEach(async () => {
      await Promise.all(subscriptions.splice(0).map((subscription) => subscription.close()));
      await fixture?.cleanup();
      fixture = undefined;
    });

    describe('append and readStream', () => {
      it('appends to a new stream with no_stream and reads the events back as written', async () => {
        const stream = uniqueStream('new');
        const written = [newEvent('SlotCreated', { slotId: 's1', capacity: 2 }), newEvent('SlotOpened', { slotId: 's1' })];

        const result = await store.append(stream, written, 'no_stream');

        expect(result.nextRevision).toBe(1);
        expect(typeof result.position).toBe('string');
        const read = await store.readStream(stream);
        expect(read).toEqual(
          written.map((event, index) => ({
            ...event,
            streamId: stream,
            streamPosition: index,
            globalPosition: expect.any(String),
            hash: expect.stringMatching(/^[0-9a-f]{64}$/),
            previousHash: index === 0 ? null : read[0].hash,
          })),
        );
        expect(read[1].globalPosition).toBe(result.position);
        expect(read[0].globalPosition).not.toBe(read[1].globalPosition);
      });

      it('appends at the exact expected revision', async () => {
        const stream = uniqueStream('exact');
        await store.append(stream, [newEvent('A')], 'no_stream');

        const result = await store.append(stream, [newEvent('B'), newEvent('C')], 0);

        expect(result.nextRevision).toBe(2);
        const read = await store.readStream(stream);
        expect(read.map((event) => [event.type, event.streamPosition])).toEqual([
          ['A', 0],
          ['B', 1],
          ['C', 2],
        ]);
        expect(read[2].globalPosition).toBe(result.position);
      });

      it('appends with any, whether or not the stream exists', async () => {
        const stream = uniqueStream('any');

        expect((await store.append(stream, [newEvent('A')], 'any')).nextRevision).toBe(0);
        expect((await store.append(stream, [newEvent('B')], 'any')).nextRevision).toBe(1);
        expect((await store.readStream(stream)).map((event) => event.type)).toEqual(['A', 'B']);
      });

      it('rejects a wrong expected revision, naming the stream, the expected and the actual revision', async () => {
        const stream = uniqueStream('conflict');
        const missing = uniqueStream('missing');
        await store.append(stream, [newEvent('A'), newEvent('B')], 'no_stream');

        const cases: [string, ExpectedRevision, number | 'no_stream'][] = [
          [stream, 'no_stream', 1],
          [stream, 0, 1],
          [stream, 5, 1],
          [missing, 0, 'no_stream'],
        ];
        for (const [streamId, expected, actual] of cases) {
          const error = await caught(store.append(streamId, [newEvent('Late')], expected));
          expect(error).toBeInstanceOf(WrongExpectedRevisionError);
          expect(error).toMatchObject({ name: 'WrongExpectedRevisionError', streamId, expected, actual });
        }
        expect(await store.readStream(stream)).toHaveLength(2);
        expect(await store.readStream(missing)).toEqual([]);
      });

      it('reads a stream from a revision', async () => {
        const stream = uniqueStream('from-revision');
        await store.append(stream, [newEvent('A'), newEvent('B'), newEvent('C')], 'no_stream');

        const read = await store.readStream(stream, { fromRevision: 1 });

        expect(read.map((event) => [event.type, event.streamPosition])).toEqual([
          ['B', 1],
          ['C', 2],
        ]);
      });

      it('reads a stream that does not exist as empty', async () => {
        expect(await store.readStream(uniqueStream('nothing'))).toEqual([]);
      });

      it('rejects appends no adapter can make sense of, before writing anything', async () => {
        const stream = uniqueStream('invalid');
        const repeated = newEvent('A');

        await expect(store.append(stream, [], 'any')).rejects.toThrow(RangeError);
        await expect(store.append(stream, [repeated, repeated], 'any')).rejects.toThrow(RangeError);
        await expect(store.append(stream, [newEvent('A')], -1)).rejects.toThrow(RangeError);
        expect(await store.readStream(stream)).toEqual([]);
      });
    });

    describe('readAll', () => {
      it('reads events after a position (exclusive), in global order, at most limit', async () => {
        const stream = uniqueStream('read-all');
        const written = [newEvent('E0'), newEvent('E1'), newEvent('E2'), newEvent('E3'), newEvent('E4')];
        await store.append(stream, written, 'no_stream');
        const stored = await store.readStream(stream);

        // One append is one transaction, contiguous in the global log even on a busy server.
        const page = await store.readAll({ from: stored[1].globalPosition, limit: 2 });
        expect(ids(page)).toEqual(ids(written.slice(2, 4)));
        expect(page).toEqual(stored.slice(2, 4));

        const rest = await store.readAll({ from: stored[0].globalPosition });
        expect(ids(rest.filter((event) => event.streamId === stream))).toEqual(ids(written.slice(1)));

        const afterLast = await store.readAll({ from: stored[4].globalPosition });
        expect(afterLast.filter((event) => event.streamId === stream)).toEqual([]);

        expect(await store.readAll({ limit: 1 })).toHaveLength(1);
        expect(await store.readAll({ from: stored[0].globalPosition, limit: 0 })).toEqual([]);
      });
    });

    describe('subscribeToAll', () => {
      it(
        'catches up from a checkpoint, then delivers new appends live, in order, in batches that never overlap',
        async () => {
          const stream = uniqueStream('subscribe');
          const before = [newEvent('Before0'), newEvent('Before1')];
          await store.append(stream, before, 'no_stream');
          const [checkpoint] = await store.readStream(stream);
          const recorder = new Recorder();

          subscribe(recorder, { from: checkpoint.globalPosition, batchSize: 2 });
          await waitFor(() => recorder.of(stream).length === 1, 'the catch-up event');

          const live = [newEvent('Live0'), newEvent('Live1'), newEvent('Live2'), newEvent('Live3'), newEvent('Live4')];
          await store.append(stream, [live[0]], 1);
          await store.append(stream, [live[1]], 2);
          await store.append(stream, live.slice(2), 3);
          await waitFor(() => recorder.of(stream).length === 6, 'the live events');

          expect(ids(recorder.of(stream))).toEqual(ids([before[1], ...live]));
          expect(recorder.of(stream).map((event) => event.streamPosition)).toEqual([1, 2, 3, 4, 5, 6]);
          expect(new Set(ids(recorder.events)).size).toBe(recorder.events.length);
          expect(recorder.batches.every((batch) => batch.length >= 1 && batch.length <= 2)).toBe(true);
          expect(recorder.maxInFlight).toBe(1);
        },
        testTimeoutMs,
      );

      it(
        'delivers from the start of the log when no checkpoint is given',
        async () => {
          const first = uniqueStream('from-start-a');
          const second = uniqueStream('from-start-b');
          await store.append(first, [newEvent('A0'), newEvent('A1')], 'no_stream');
          await store.append(second, [newEvent('B0')], 'no_stream');
          const [start] = await store.readAll({ limit: 1 });
          const recorder = new Recorder();

          subscribe(recorder);
          await waitFor(() => recorder.of(second).length === 1, 'the events written before subscribing');
          await store.append(first, [newEvent('A2')], 1);
          await waitFor(() => recorder.of(first).length === 3, 'the event written after subscribing');

          expect(recorder.events[0].id).toBe(start.id);
          expect(recorder.of(first).map((event) => event.type)).toEqual(['A0', 'A1', 'A2']);
          expect(new Set(ids(recorder.events)).size).toBe(recorder.events.length);
          expect(recorder.maxInFlight).toBe(1);
        },
        testTimeoutMs,
      );

      it(
        'retries the same batch when the handler throws, reporting the error, and moves on once it succeeds',
        async () => {
          const stream = uniqueStream('retry');
          await store.append(stream, [newEvent('Checkpoint')], 'no_stream');
          const [checkpoint] = await store.readStream(stream);
          const calls: string[][] = [];
          const errors: unknown[] = [];
          const failure = new Error('projection unavailable');

          const subscription = store.subscribeToAll(
            async (events) => {
              calls.push(ids(events));
              if (calls.length <= 2) throw failure;
            },
            { from: checkpoint.globalPosition, onError: (error) => errors.push(error) },
          );
          subscriptions.push(subscription);
          const written = [newEvent('A'), newEvent('B')];
          await store.append(stream, written, 0);
          await waitFor(() => calls.flat().includes(written[1].id) && calls.length >= 3, 'a successful delivery');
          const next = newEvent('C');
          await store.append(stream, [next], 2);
          await waitFor(() => calls.flat().includes(next.id), 'the event after the failed batch');

          expect(calls[1]).toEqual(calls[0]);
          expect(calls[2]).toEqual(calls[0]);
          expect(calls[0]).toEqual(expect.arrayContaining([written[0].id]));
          expect(errors).toEqual([failure, failure]);
          expect(calls.slice(3).flat()).not.toContain(written[0].id);
        },
        testTimeoutMs,
      );

      it(
        'stops calling the handler once closed',
        async () => {
          const stream = uniqueStream('close');
          await store.append(stream, [newEvent('A')], 'no_stream');
          const [checkpoint] = await store.readStream(stream);
          const recorder = new Recorder();
          const subscription = subscribe(recorder, { from: checkpoint.globalPosition });

          await store.append(stream, [newEvent('B')], 0);
          await waitFor(() => recorder.of(stream).length === 1, 'the first event');
          await subscription.close();
          await store.append(stream, [newEvent('C')], 1);
          await sleep(300);

          expect(recorder.of(stream).map((event) => event.type)).toEqual(['B']);
        },
        testTimeoutMs,
      );
    });

    describe('idempotent retries', () => {
      it('appends the same event ids once, returning the stored result', async () => {
        const stream = uniqueStream('retry-same');
        const batch = [newEvent('A'), newEvent('B')];

        const first = await store.append(stream, batch, 'no_stream');
        const retried = await store.append(stream, batch, 'no_stream');

        expect(first.duplicate).toBe(false);
        expect(retried).toEqual({ ...first, duplicate: true });
        expect(ids(await store.readStream(stream))).toEqual(ids(batch));
      });

      it('treats a retry as done even when its expected revision has gone stale', async () => {
        const stream = uniqueStream('retry-stale');
        const batch = [newEvent('A'), newEvent('B')];
        const original = await store.append(stream, batch, 'no_stream');
        const later = newEvent('C');
        const laterResult = await store.append(stream, [later], 1);

        // The stream moved on: each retry reports its current revision and where the retried events are.
        const retried = { nextRevision: 2, position: original.position, duplicate: true };
        expect(await store.append(stream, batch, 'no_stream')).toEqual(retried);
        expect(await store.append(stream, batch, 0)).toEqual(retried);
        expect(await store.append(stream, [later], 1)).toEqual({ ...laterResult, duplicate: true });
        expect(await store.append(stream, [later], 'any')).toEqual({ ...laterResult, duplicate: true });
        expect(ids(await store.readStream(stream))).toEqual(ids([...batch, later]));
      });
    });

    describe('concurrency', () => {
      it(
        'lets exactly one of several concurrent appends at the same expected revision win',
        async () => {
          const stream = uniqueStream('race');
          await store.append(stream, [newEvent('Seed')], 'no_stream');
          const contenders = Array.from({ length: 5 }, (_, index) => newEvent(`Contender${index}`));

          const outcomes = await Promise.allSettled(contenders.map((event) => store.append(stream, [event], 0)));

          const winners = outcomes.flatMap((outcome, index) => (outcome.status === 'fulfilled' ? [contenders[index]] : []));
          expect(winners).toHaveLength(1);
          for (const outcome of outcomes) {
            if (outcome.status === 'rejected') {
              expect(outcome.reason).toBeInstanceOf(WrongExpectedRevisionError);
              expect(outcome.reason).toMatchObject({ streamId: stream, expected: 0, actual: 1 });
            }
          }
          expect(ids(await store.readStream(stream))).toEqual([expect.any(String), winners[0].id]);
        },
        testTimeoutMs,
      );

      it(
        'lets exactly one of several concurrent creations of a stream win',
        async () => {
          const stream = uniqueStream('race-create');
          const contenders = Array.from({ length: 5 }, (_, index) => newEvent(`Creator${index}`));

          const outcomes = await Promise.allSettled(contenders.map((event) => store.append(stream, [event], 'no_stream')));

          expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
          expect(await store.readStream(stream)).toHaveLength(1);
        },
        testTimeoutMs,
      );
    });
  });
};
