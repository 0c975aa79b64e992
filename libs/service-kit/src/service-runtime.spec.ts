import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InProcessBus, type IncomingMessage, deadLetterTopic } from '@app/messaging';
import { MemoryDocumentStore } from '@app/readmodel';
import { testEvent } from '../../messaging/src/testing/bus.contract';
import { DeadlineScheduler } from './deadline-scheduler';
import { embeddedInfra } from './infra/embedded-infra';
import { withEventTypes } from './service-infra';
import { ServiceRuntime } from './service-runtime';

const quiet = { warn: () => undefined, error: () => undefined };

/** A service with one consumer of `orders.v1` OrderPlaced, on real SQLite and the in-process bus. */
describe('ServiceRuntime', () => {
  let dataDir: string;
  let bus: InProcessBus;
  let runtime: ServiceRuntime;
  let handled: IncomingMessage[];
  let handler: (message: IncomingMessage) => Promise<void>;
  const dead: IncomingMessage[] = [];

  beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'service-runtime-'));
    bus = new InProcessBus({ logger: quiet });
    handled = [];
    dead.length = 0;
    handler = async (message) => void handled.push(message);
    await bus.subscribe({ groupId: 'dlq', topics: [deadLetterTopic('orders.v1')], handler: async (m) => void dead.push(m) });
    runtime = new ServiceRuntime(embeddedInfra('order-service', dataDir, bus), {
      projections: [],
      appointmentIdsOf: () => [],
      publish: () => [],
      consumers: [{ name: 'orders', topics: ['orders.v1'], types: ['OrderPlaced'], handler: (message) => handler(message) }],
    });
    await runtime.start();
    await runtime.startPublishing();
  });

  afterEach(async () => {
    await runtime.stop();
    await runtime.infra.close();
    await bus.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('hands a declared type of a known version to the consumer', async () => {
    const event = testEvent({ orderId: 'o-1' }, { type: 'OrderPlaced', version: 1 });

    await bus.publish([{ topic: 'orders.v1', key: 'o-1', event }]);

    expect(handled.map((m) => m.event.id)).toEqual([event.id]);
    expect(dead).toEqual([]);
  });

  it('dead-letters a declared type of a version the consumer does not know, at once', async () => {
    const event = testEvent({ orderId: 'o-1' }, { type: 'OrderPlaced', version: 2 });

    await bus.publish([{ topic: 'orders.v1', key: 'o-1', event }]);

    expect(handled).toEqual([]);
    expect(dead).toHaveLength(1);
    expect(dead[0].event.data).toMatchObject({ attempts: 1, error: expect.stringContaining('version 1, not version 2'), event });
  });

  it('acknowledges types it does not declare without handling them', async () => {
    await bus.publish([{ topic: 'orders.v1', key: 'o-1', event: testEvent({}, { type: 'OrderShipped', version: 9 }) }]);

    expect(handled).toEqual([]);
    expect(dead).toEqual([]);
  });

  it('stops its consumers first: a running handler finishes, later messages are refused to their publisher', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let running = false;
    handler = async (message) => {
      running = true;
      await gate;
      handled.push(message);
    };
    const first = bus.publish([{ topic: 'orders.v1', key: 'o-1', event: testEvent({}, { type: 'OrderPlaced' }) }]);
    while (!running) await new Promise((resolve) => setTimeout(resolve, 5));

    let stopped = false;
    const stopping = runtime.stop().then(() => (stopped = true));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(stopped).toBe(false);
    release();
    await stopping;
    await first;

    expect(handled).toHaveLength(1);
    await expect(bus.publish([{ topic: 'orders.v1', key: 'o-2', event: testEvent({}, { type: 'OrderPlaced' }) }])).rejects.toThrow('closed');
  });
});

describe('ServiceRuntime schedulers', () => {
  it('starts them after the read models caught up and stops them with the runtime', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'service-runtime-'));
    const bus = new InProcessBus({ logger: quiet });
    const documents = new MemoryDocumentStore();
    const deadlines = documents.collection<{ id: string; due: string }>('deadlines');
    const fired: string[] = [];
    const scheduler = new DeadlineScheduler('orders', deadlines, async (deadline) => {
      fired.push(deadline.id);
      await deadlines.delete(deadline.id);
    }, { pollIntervalMs: 10, logger: quiet });
    const infra = embeddedInfra('order-service', dataDir, bus);
    await infra.store.append('order-o-1', [{ id: 'e-1', type: 'OrderPlaced', version: 1, data: {}, correlationId: 'c', causationId: 'c', actor: testEvent({}).actor, occurredAt: new Date().toISOString() }], 'no_stream');
    const runtime = new ServiceRuntime(infra, {
      // The projection puts the deadline while catching up: the scheduler must find it there when it starts.
      projections: [{ name: 'deadlines', apply: async (event) => void (event.type === 'OrderPlaced' && (await deadlines.put({ id: event.streamId, due: event.occurredAt }))) }],
      appointmentIdsOf: () => [],
      publish: () => [],
      consumers: [],
      schedulers: [scheduler],
    });

    await runtime.start();
    for (let i = 0; i < 100 && fired.length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(fired).toEqual(['order-o-1']);

    await runtime.stop();
    await deadlines.put({ id: 'after-stop', due: new Date(0).toISOString() });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(fired).toEqual(['order-o-1']);
    await infra.close();
    await bus.close();
    rmSync(dataDir, { recursive: true, force: true });
  });
});

describe('ServiceRuntime health', () => {
  it('sets aside a stored event of a newer version than the service reads (projections and relay), goes on past it, and stays up counting it', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'service-runtime-health-'));
    const bus = new InProcessBus({ logger: quiet });
    const infra = withEventTypes(embeddedInfra('order-service', dataDir, bus), { versions: { OrderPlaced: 1 } });
    const event = { type: 'OrderPlaced', version: 1, data: {}, correlationId: 'c', causationId: 'c', actor: testEvent({}).actor, occurredAt: new Date().toISOString() };
    // Written by a later release: stored as it came, before one this release reads.
    await infra.store.raw.append('order-o-1', [{ id: 'e-1', ...event, version: 9 }, { id: 'e-2', ...event }], 'no_stream');
    const applied: string[] = [];
    const published: string[] = [];
    const runtime = new ServiceRuntime(infra, {
      projections: [{ name: 'orders', apply: async ({ id }) => void applied.push(id) }],
      publish: (recorded) => (published.push(recorded.id), []),
      consumers: [],
      appointmentIdsOf: () => [],
    });
    await runtime.start();
    await runtime.startPublishing();
    for (let waited = 0; published.length === 0 && waited < 5000; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));

    expect(applied).toEqual(['e-2']);
    expect(published).toEqual(['e-2']);
    // Set aside once per reader: the orders projection, the timeline every service feeds, and the relay.
    expect(await runtime.health()).toEqual({ up: true, setAside: 3 });

    await runtime.stop();
    await infra.close();
    await bus.close();
    rmSync(dataDir, { recursive: true, force: true });
  });
});
