import { systemActor } from '@app/contracts';
import type { RecordedEvent } from '../event-store.port';
import { StreamingSubscription, type Feed, type FeedSink } from './streaming-subscription';

const recorded = (position: number): RecordedEvent => ({
  id: `event-${position}`,
  type: 'Happened',
  version: 1,
  streamId: 'stream',
  streamPosition: position,
  globalPosition: String(position),
  data: {},
  correlationId: 'c',
  causationId: 'c',
  actor: systemActor('spec'),
  occurredAt: '2025-03-01T09:30:00.000Z',
});

/** A feed the test drives by hand: it records every (re)connection and whether it is paused. */
class ScriptedFeed {
  readonly connections: { from: string | undefined; sink: FeedSink; paused: boolean; stopped: boolean }[] = [];
  readonly feed: Feed = (from, sink) => {
    const connection = { from, sink, paused: false, stopped: false };
    this.connections.push(connection);
    return {
      pause: () => void (connection.paused = true),
      resume: () => void (connection.paused = false),
      stop: async () => void (connection.stopped = true),
    };
  };

  get latest() {
    return this.connections[this.connections.length - 1];
  }

  send(...positions: number[]) {
    for (const position of positions) this.latest.sink.event(recorded(position));
  }
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 20));
const fastRetry = { minDelayMs: 5, maxDelayMs: 20 };

describe('StreamingSubscription', () => {
  it('hands over queued events in batches of at most batchSize, one call at a time', async () => {
    const scripted = new ScriptedFeed();
    const batches: number[][] = [];
    let release!: () => void;
    const firstCallHeld = new Promise<void>((resolve) => (release = resolve));
    const subscription = new StreamingSubscription(
      scripted.feed,
      async (events) => {
        batches.push(events.map((event) => event.streamPosition));
        if (batches.length === 1) await firstCallHeld;
      },
      { batchSize: 3, retry: fastRetry },
    );

    scripted.send(1);
    await settle();
    scripted.send(2, 3, 4, 5, 6, 7, 8);
    release();
    await settle();
    await subscription.close();

    expect(batches).toEqual([[1], [2, 3, 4], [5, 6, 7], [8]]);
  });

  it('pauses the feed while the handler falls behind and resumes it once the queue drains', async () => {
    const scripted = new ScriptedFeed();
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const subscription = new StreamingSubscription(scripted.feed, () => held, { batchSize: 2, highWaterMark: 4, retry: fastRetry });

    scripted.send(1);
    await settle();
    scripted.send(2, 3, 4, 5);
    expect(scripted.latest.paused).toBe(true);
    release();
    await settle();

    expect(scripted.latest.paused).toBe(false);
    await subscription.close();
  });

  it('reconnects after a feed failure from the last event taken, dropping what was queued after it', async () => {
    const scripted = new ScriptedFeed();
    const delivered: number[] = [];
    const errors: unknown[] = [];
    const subscription = new StreamingSubscription(
      scripted.feed,
      async (events) => {
        delivered.push(...events.map((event) => event.streamPosition));
      },
      { from: '0', batchSize: 10, retry: fastRetry, onError: (error) => errors.push(error) },
    );

    scripted.send(1, 2);
    await settle();
    const broken = scripted.latest;
    broken.sink.failed(new Error('connection reset'));
    broken.sink.event(recorded(3)); // a late event from the dead feed must be ignored
    await settle();
    scripted.send(3, 4);
    await settle();
    await subscription.close();

    expect(scripted.connections.map((connection) => connection.from)).toEqual(['0', '2']);
    expect(broken.stopped).toBe(true);
    expect(delivered).toEqual([1, 2, 3, 4]);
    expect(errors).toEqual([new Error('connection reset')]);
  });

  it('stops its feed on close and calls the handler no more', async () => {
    const scripted = new ScriptedFeed();
    const delivered: number[] = [];
    const subscription = new StreamingSubscription(
      scripted.feed,
      async (events) => {
        delivered.push(...events.map((event) => event.streamPosition));
      },
      { retry: fastRetry },
    );

    await subscription.close();
    scripted.send(1);
    await settle();

    expect(scripted.latest.stopped).toBe(true);
    expect(delivered).toEqual([]);
  });
});
