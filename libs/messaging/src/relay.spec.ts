import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Database } from '@app/eventstore/sqlite/driver';
import { systemActor } from '@app/contracts';
import { SqliteEventStore, UnreadableEventError } from '@app/eventstore';
import type { Bus, OutgoingMessage } from './bus.port';
import { InProcessBus } from './in-process-bus';
import { integrationMessage } from './integration-event';
import { Relay } from './relay';
import { SqliteSetAsideStore } from './sqlite-set-aside-store';
import { SqliteCheckpointStore } from './sqlite-state-stores';
import { waitFor } from './testing/bus.contract';

/** Test double around the real in-process bus: refuses the first `failures` publishes, as a broker that is down would. */
class BrokerDownBus implements Bus {
  published: OutgoingMessage[] = [];
  constructor(private failures: number, private readonly inner = new InProcessBus()) {}
  async publish(messages: OutgoingMessage[]) {
    if (this.failures-- > 0) throw new Error('broker unavailable');
    await this.inner.publish(messages);
    this.published.push(...messages);
  }
  subscribe = (request: Parameters<Bus['subscribe']>[0]) => this.inner.subscribe(request);
  close = () => this.inner.close();
}

describe('Relay (real SQLite store and checkpoints)', () => {
  let dir: string;
  let store: SqliteEventStore;
  let db: Database;
  let checkpoints: SqliteCheckpointStore;
  let setAside: SqliteSetAsideStore;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'relay-'));
    store = new SqliteEventStore(join(dir, 'events.sqlite'), { retry: { minDelayMs: 10, maxDelayMs: 20 } });
    db = new Database(join(dir, 'state.sqlite'));
    checkpoints = new SqliteCheckpointStore(db);
    setAside = new SqliteSetAsideStore(db);
  });
  afterEach(async () => {
    await store.close();
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const append = (streamId: string, id: string) =>
    store.append(
      streamId,
      [{ id, type: 'Happened', version: 1, data: { id }, correlationId: id, causationId: id, actor: systemActor('test'), occurredAt: new Date().toISOString() }],
      'any',
    );
  const toTopic = (event: Parameters<typeof integrationMessage>[0]) => [integrationMessage(event, 'test.events.v1', event.streamId, 'Happened', event.data)];

  it('moves its checkpoint only after the bus acknowledged, and republishes nothing twice', async () => {
    const bus = new BrokerDownBus(2);
    await append('s-1', 'e1');
    await append('s-2', 'e2');
    const relay = new Relay('test', store, bus, checkpoints, toTopic, setAside);
    await relay.start();
    await waitFor('both events published', () => bus.published.length === 2, 10_000);
    expect(bus.published.map((m) => m.event.data)).toEqual([{ id: 'e1' }, { id: 'e2' }]);
    expect(bus.published.map((m) => m.key)).toEqual(['s-1', 's-2']);
    const [first] = await store.readAll({ limit: 1 });
    expect(bus.published[0].event).toMatchObject({ causationId: first.id, correlationId: 'e1', streamId: 's-1' });
    const checkpoint = await checkpoints.load('relay:test');
    expect(checkpoint).toBe((await store.readAll()).at(-1)!.globalPosition);
    await relay.stop();
    await bus.close();
  });

  it('after a restart, publishes only what came after its checkpoint', async () => {
    const firstBus = new BrokerDownBus(0);
    await append('s-1', 'e1');
    const relay = new Relay('test', store, firstBus, checkpoints, toTopic, setAside);
    await relay.start();
    await waitFor('e1 published', () => firstBus.published.length === 1, 10_000);
    await relay.stop();
    await firstBus.close();

    await append('s-1', 'e2');
    const secondBus = new BrokerDownBus(0);
    const restarted = new Relay('test', store, secondBus, checkpoints, toTopic, setAside);
    await restarted.start();
    await waitFor('e2 published', () => secondBus.published.length === 1, 10_000);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(secondBus.published.map((m) => m.event.data)).toEqual([{ id: 'e2' }]);
    await restarted.stop();
    await secondBus.close();
  });

  it('sets aside an event it cannot read, publishes the others of the batch and moves on', async () => {
    const bus = new BrokerDownBus(0);
    await append('s-1', 'e1');
    await append('s-2', 'e2');
    await append('s-3', 'e3');
    const [, unreadable] = await store.readAll();
    const mapper = (event: Parameters<typeof toTopic>[0]) => {
      if (event.id === 'e2') throw new UnreadableEventError('e2', 'Happened', 9, 'version 9 is newer than this service knows (1)');
      return toTopic(event);
    };
    const relay = new Relay('test', store, bus, checkpoints, mapper, setAside);
    await relay.start();
    await waitFor('e1 and e3 published', () => bus.published.length === 2, 10_000);
    expect(bus.published.map((m) => m.event.data)).toEqual([{ id: 'e1' }, { id: 'e3' }]);
    expect(await setAside.list()).toEqual([
      { service: 'test', component: 'relay', position: unreadable.globalPosition, eventId: 'e2', type: 'Happened', version: 9, reason: 'version 9 is newer than this service knows (1)', at: expect.any(String) },
    ]);
    await relay.stop();
    await bus.close();
  });

  it('gives a republished event the same message id', () => {
    const recorded = { id: 'e1', streamId: 's', streamPosition: 0, globalPosition: '1', type: 'Happened', version: 1, data: {}, correlationId: 'c', causationId: 'c', actor: systemActor('t'), occurredAt: 'now' };
    expect(toTopic(recorded)[0].event.id).toBe(toTopic(recorded)[0].event.id);
    expect(toTopic({ ...recorded, id: 'e2' })[0].event.id).not.toBe(toTopic(recorded)[0].event.id);
  });
});
