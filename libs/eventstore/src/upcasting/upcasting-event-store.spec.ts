import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { systemActor } from '@app/contracts';
import { CommandHandler } from '../command-handler';
import type { Decider, DomainEvent } from '../decider';
import type { NewEvent, RecordedEvent } from '../event-store.port';
import { SqliteEventStore } from '../sqlite-event-store';
import { UnreadableEventError } from '../unreadable-event.error';
import { EventTypes } from './event-types';
import { UpcastingEventStore } from './upcasting-event-store';

/** A test registry: Named went from `{ name }` (v1) to `{ first, last }` (v2) to `{ person: { first, last } }` (v3). */
const types = new EventTypes({
  versions: { Named: 3, Counted: 1 },
  upcasters: {
    Named: {
      1: ({ name }: { name: string }) => ({ first: name.split(' ')[0], last: name.split(' ').slice(1).join(' ') }),
      2: ({ first, last }: { first: string; last: string }) => ({ person: { first, last } }),
    },
  },
});

const metadata = { correlationId: 'c', causationId: 'c', actor: systemActor('upcasting-spec'), occurredAt: '2030-01-01T09:00:00.000Z' };
const event = (id: string, type: string, version: number, data: unknown): NewEvent => ({ id, type, version, data, ...metadata });
const ann = { person: { first: 'Ann', last: 'Example Smith' } };

describe('EventTypes', () => {
  const recorded = (type: string, version: number, data: unknown): RecordedEvent => ({ ...event('e1', type, version, data), streamId: 's', streamPosition: 0, globalPosition: '1' });

  it('upcasts v1 through v2 to v3, and v2 to v3', () => {
    expect(types.upcast(recorded('Named', 1, { name: 'Ann Example Smith' }))).toMatchObject({ version: 3, data: ann });
    expect(types.upcast(recorded('Named', 2, { first: 'Ann', last: 'Example Smith' }))).toMatchObject({ version: 3, data: ann });
  });

  it('hands an event of the current version back as it is', () => {
    const current = recorded('Named', 3, ann);
    expect(types.upcast(current)).toBe(current);
  });

  it.each([
    ['an unknown type', recorded('Renamed', 1, {}), 'unknown event type'],
    ['a version newer than the service knows', recorded('Named', 4, {}), 'version 4 is newer than 3'],
    ['a version that is none', recorded('Named', 0, {}), 'version 0 is not a version'],
  ])('refuses %s with UnreadableEventError naming the event', (_name, unreadable, reason) => {
    const read = () => types.upcast(unreadable);
    expect(read).toThrow(UnreadableEventError);
    expect(read).toThrow(expect.objectContaining({ eventId: 'e1', type: unreadable.type, version: unreadable.version, reason: expect.stringContaining(reason) }));
  });

  it('refuses a version with a gap in its chain', () => {
    const gap = new EventTypes({ versions: { Named: 3 }, upcasters: { Named: { 2: (data: unknown) => data } } });
    expect(() => gap.upcast(recorded('Named', 1, {}))).toThrow(expect.objectContaining({ reason: 'no upcaster from version 1' }));
  });

  it('stamps the current version, and refuses to stamp an undeclared type', () => {
    expect(types.versionOf('Named')).toBe(3);
    expect(() => types.versionOf('Renamed')).toThrow('event type Renamed is not declared');
  });

  it('refuses an upcaster from the current version or beyond', () =>
    expect(() => new EventTypes({ versions: { Named: 2 }, upcasters: { Named: { 2: (data: unknown) => data } } })).toThrow('upcaster of Named from version 2'));
});

describe('UpcastingEventStore (on SQLite)', () => {
  let dir: string;
  let raw: SqliteEventStore;
  let store: UpcastingEventStore;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'upcasting-'));
    raw = new SqliteEventStore(join(dir, 'events.sqlite'));
    store = new UpcastingEventStore(raw, types);
    // As earlier releases wrote them.
    await raw.append('person-1', [event('old-1', 'Named', 1, { name: 'Ann Example Smith' }), event('old-2', 'Named', 2, { first: 'Ann', last: 'Example Smith' })], 'no_stream');
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stamps appends with the current version, whatever the writer said', async () => {
    await store.append('person-2', [event('new-1', 'Named', 1, ann), event('new-2', 'Counted', 7, { count: 1 })], 'no_stream');
    expect((await raw.readStream('person-2')).map((e) => [e.type, e.version])).toEqual([
      ['Named', 3],
      ['Counted', 1],
    ]);
  });

  it('refuses to append a type it does not declare, appending nothing', async () => {
    await expect(store.append('person-2', [event('new-1', 'Named', 3, ann), event('new-2', 'Renamed', 1, {})], 'no_stream')).rejects.toThrow('Renamed is not declared');
    expect(await raw.readStream('person-2')).toEqual([]);
  });

  it('reads streams and all events upcast, and `raw` as written', async () => {
    expect((await store.readStream('person-1')).map((e) => [e.version, e.data])).toEqual([
      [3, ann],
      [3, ann],
    ]);
    expect((await store.readAll()).map((e) => e.data)).toEqual([ann, ann]);
    expect((await store.raw.readStream('person-1')).map((e) => [e.version, e.data])).toEqual([
      [1, { name: 'Ann Example Smith' }],
      [2, { first: 'Ann', last: 'Example Smith' }],
    ]);
  });

  it('delivers subscribed events upcast', async () => {
    const seen: RecordedEvent[] = [];
    const subscription = store.subscribeToAll(async (events) => void seen.push(...events));
    const deadline = Date.now() + 5000;
    while (seen.length < 2 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    await subscription.close();
    expect(seen.map((e) => [e.id, e.version, e.data])).toEqual([
      ['old-1', 3, ann],
      ['old-2', 3, ann],
    ]);
  });

  it('fails a read that meets an event of a newer release, naming it', async () => {
    await raw.append('person-1', [event('future-1', 'Named', 4, { fullName: 'Ann' })], 1);
    await expect(store.readStream('person-1')).rejects.toThrow(expect.objectContaining({ name: 'UnreadableEventError', eventId: 'future-1', version: 4 }));
    await expect(store.readAll()).rejects.toThrow(UnreadableEventError);
  });

  it('lets a subscriber know of an unreadable event without handing it out', async () => {
    await raw.append('other', [event('stranger-1', 'Renamed', 1, {})], 'no_stream');
    const errors: unknown[] = [];
    const handled: RecordedEvent[] = [];
    const subscription = store.subscribeToAll(async (events) => void handled.push(...events), { onError: (error) => errors.push(error), batchSize: 10 });
    const deadline = Date.now() + 5000;
    while (errors.length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    await subscription.close();
    expect(errors[0]).toEqual(expect.objectContaining({ name: 'UnreadableEventError', eventId: 'stranger-1', reason: 'unknown event type' }));
    expect(handled).toEqual([]);
  });

  it('gives a command handler the current shape and writes its events in the current version', async () => {
    type Named = DomainEvent<'Named', typeof ann>;
    const people: Decider<{ last: string }, Named, Named['data'] | undefined> = {
      initialState: undefined,
      decide: (command, state) => [{ type: 'Named', data: { person: { first: state!.person.first, last: command.last } } }],
      evolve: (_state, named) => named.data,
    };
    const context = { commandId: 'rename', correlationId: 'c', causationId: 'c', actor: systemActor('upcasting-spec'), now: new Date('2030-01-02T09:00:00.000Z') };
    const result = await new CommandHandler(store, people).handle('person-1', { last: 'Jones' }, context);
    expect(result.state).toEqual({ person: { first: 'Ann', last: 'Jones' } });
    expect((await raw.readStream('person-1', { fromRevision: 2 })).map((e) => e.version)).toEqual([3]);
  });
});
