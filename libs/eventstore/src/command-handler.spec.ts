import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { systemActor } from '@app/contracts';
import { CommandContext, CommandHandler } from './command-handler';
import type { Decider, DomainEvent } from './decider';
import type { EventStore, NewEvent, RecordedEvent } from './event-store.port';
import { SqliteEventStore } from './sqlite-event-store';
import { StaleRevisionError } from './stale-revision.error';

type Command = { type: 'Add'; amount: number } | { type: 'Nothing' };
type Event = DomainEvent<'Added', { amount: number }>;

/** A counter: Add appends Added (twice for amounts over 100, to have a two-event batch), Nothing decides nothing. */
const counter: Decider<Command, Event, number> = {
  initialState: 0,
  decide: (command) => {
    if (command.type === 'Nothing') return [];
    const added: Event = { type: 'Added', data: { amount: command.amount } };
    return command.amount > 100 ? [added, added] : [added];
  },
  evolve: (total, event) => total + event.data.amount,
};

const context = (commandId: string): CommandContext => ({
  commandId,
  correlationId: 'correlation',
  causationId: commandId,
  actor: systemActor('command-handler-spec'),
  now: new Date('2025-03-01T09:30:00.000Z'),
});

const seed = (id: string): NewEvent => ({ id, type: 'Added', version: 1, data: { amount: 1 }, ...context(id), occurredAt: '2025-03-01T09:00:00.000Z' });

/** Lets the test act between a handler's load and its append: `onRead` runs once, after the n-th read. */
const intercepting = (store: EventStore, hooks: { beforeReadReturns?: (read: number) => Promise<void> }): EventStore => {
  let reads = 0;
  return {
    append: (...args) => store.append(...args),
    readAll: (...args) => store.readAll(...args),
    subscribeToAll: (...args) => store.subscribeToAll(...args),
    close: () => store.close(),
    readStream: async (streamId, options) => {
      const events = await store.readStream(streamId, options);
      await hooks.beforeReadReturns?.(++reads);
      return events;
    },
  };
};

describe('CommandHandler (on SQLite)', () => {
  let dir: string;
  let store: SqliteEventStore;
  let handler: CommandHandler<Command, Event, number>;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'command-handler-'));
    store = new SqliteEventStore(join(dir, 'events.db'));
    handler = new CommandHandler(store, counter);
  });

  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const amounts = (events: RecordedEvent[]) => events.map((event) => (event.data as { amount: number }).amount);

  it('appends what the decider decides and returns the stored events', async () => {
    const result = await handler.handle('counter-1', { type: 'Add', amount: 150 }, context('add-150'));

    const stored = await store.readStream('counter-1');
    expect(result).toMatchObject({ state: 300, revision: 1, repeated: false, position: stored[1].globalPosition });
    expect(result.events).toEqual(stored);
  });

  it('answers a repeated command from the store without deciding again', async () => {
    const first = await handler.handle('counter-1', { type: 'Add', amount: 5 }, context('add-once'));
    await handler.handle('counter-1', { type: 'Add', amount: 7 }, context('add-later'));

    // Same command id, different payload: a repeat is recognised by its id, so the stored answer wins.
    const again = await handler.handle('counter-1', { type: 'Add', amount: 500 }, context('add-once'));

    expect(again.repeated).toBe(true);
    expect(again.events).toEqual(first.events);
    expect(again.position).toBe(first.position);
    expect(again).toMatchObject({ state: 12, revision: 1 });
    expect(amounts(await store.readStream('counter-1'))).toEqual([5, 7]);
  });

  it('returns what the store holds when a concurrent identical attempt stored its events first', async () => {
    // Both attempts load the empty stream before either appends; the second append is then a duplicate.
    let release!: () => void;
    const bothLoaded = new Promise<void>((resolve) => (release = resolve));
    const racing = new CommandHandler(
      intercepting(store, { beforeReadReturns: async (read) => (read === 2 ? release() : read === 1 ? bothLoaded : undefined) }),
      counter,
    );

    const [first, second] = await Promise.all([
      racing.handle('counter-1', { type: 'Add', amount: 3 }, context('add-racing')),
      racing.handle('counter-1', { type: 'Add', amount: 4 }, context('add-racing')),
    ]);

    const stored = await store.readStream('counter-1');
    expect(stored).toHaveLength(1);
    const [winner, loser] = amounts(stored)[0] === 3 ? [first, second] : [second, first];
    expect(winner).toMatchObject({ repeated: false, events: stored });
    expect(loser).toMatchObject({ repeated: true, events: stored, state: amounts(stored)[0], revision: 0 });
  });

  it('decides nothing and appends nothing when the decider returns no events', async () => {
    await handler.handle('counter-1', { type: 'Add', amount: 2 }, context('add'));

    const result = await handler.handle('counter-1', { type: 'Nothing' }, context('nothing'));

    expect(result).toEqual({ state: 2, revision: 0, events: [], repeated: false });
  });

  describe('on existing streams only', () => {
    it('decides nothing on an empty stream and leaves it empty, reading it once', async () => {
      let reads = 0;
      const counting = new CommandHandler(intercepting(store, { beforeReadReturns: async () => void reads++ }), counter);

      const result = await counting.handle('counter-1', { type: 'Add', amount: 4 }, context('add'), { existingStreamOnly: true });

      expect(result).toEqual({ state: 0, revision: -1, events: [], repeated: false });
      expect(await store.readStream('counter-1')).toEqual([]);
      expect(reads).toBe(1);
    });

    it('decides as usual on a stream that has events', async () => {
      await store.append('counter-1', [seed('seed-1')], 'no_stream');

      const result = await handler.handle('counter-1', { type: 'Add', amount: 4 }, context('add'), { existingStreamOnly: true });

      expect(result).toMatchObject({ state: 5, revision: 1, repeated: false });
    });
  });

  describe('with an expected revision', () => {
    it('decides when the stream is at that revision', async () => {
      await store.append('counter-1', [seed('seed-1')], 'no_stream');

      const result = await handler.handle('counter-1', { type: 'Add', amount: 4 }, context('add'), { expectedRevision: 0 });

      expect(result).toMatchObject({ state: 5, revision: 1, repeated: false });
    });

    it('refuses with StaleRevisionError when the stream has moved on, appending nothing', async () => {
      await store.append('counter-1', [seed('seed-1'), seed('seed-2')], 'no_stream');

      const attempt = handler.handle('counter-1', { type: 'Add', amount: 4 }, context('add'), { expectedRevision: 0 });

      await expect(attempt).rejects.toThrow(StaleRevisionError);
      await expect(attempt).rejects.toMatchObject({ streamId: 'counter-1', expected: 0, actual: 1 });
      expect(await store.readStream('counter-1')).toHaveLength(2);
    });

    it('gives StaleRevisionError, not a silent retry, when another change lands between load and append', async () => {
      await store.append('counter-1', [seed('seed-1')], 'no_stream');
      const racing = new CommandHandler(
        intercepting(store, { beforeReadReturns: async (read) => void (read === 1 && (await store.append('counter-1', [seed('meanwhile')], 0))) }),
        counter,
      );

      const attempt = racing.handle('counter-1', { type: 'Add', amount: 4 }, context('add'), { expectedRevision: 0 });

      await expect(attempt).rejects.toMatchObject({ name: 'StaleRevisionError', expected: 0, actual: 1 });
      expect(amounts(await store.readStream('counter-1'))).toEqual([1, 1]);
    });

    it('answers a repeat like the first attempt even though the revision it names is now stale', async () => {
      const first = await handler.handle('counter-1', { type: 'Add', amount: 4 }, context('add'), { expectedRevision: -1 });

      const again = await handler.handle('counter-1', { type: 'Add', amount: 4 }, context('add'), { expectedRevision: -1 });

      expect(again).toMatchObject({ repeated: true, events: first.events });
    });
  });

  it('without an expected revision, decides again on the fresh state after a conflict', async () => {
    await store.append('counter-1', [seed('seed-1')], 'no_stream');
    const racing = new CommandHandler(
      intercepting(store, { beforeReadReturns: async (read) => void (read === 1 && (await store.append('counter-1', [seed('meanwhile')], 0))) }),
      counter,
    );

    const result = await racing.handle('counter-1', { type: 'Add', amount: 4 }, context('add'));

    expect(result).toMatchObject({ state: 6, revision: 2, repeated: false });
    expect(amounts(result.events)).toEqual([4]);
  });
});
