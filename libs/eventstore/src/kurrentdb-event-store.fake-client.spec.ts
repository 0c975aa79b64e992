import { systemActor } from '@app/contracts';
import { ChainVerifier } from './chain-verifier';
import type { NewEvent, RecordedEvent } from './event-store.port';
import { KurrentDbEventStore } from './kurrentdb-event-store';
import { describeEventStoreContract } from './testing/event-store.contract';
import { FakeKurrentDbClient } from './testing/fake-kurrentdb-client';

/*
 * No KurrentDB server here: these run the adapter against an in-memory fake of the client, which checks how the
 * adapter drives the client API (states, errors, positions, idempotent answers, the subscription stream).
 * kurrentdb-event-store.spec.ts runs the same contract against a real server when EVENTSTORE_URL is set.
 */
describeEventStoreContract('KurrentDbEventStore on a fake client', async () => {
  const client = new FakeKurrentDbClient();
  client.writeSystemEvent('$stats-127.0.0.1:2113', '$statsCollected');
  const store = new KurrentDbEventStore(client.asClient(), { retry: { minDelayMs: 20, maxDelayMs: 200 } });
  return { store, cleanup: () => store.close() };
});

const event = (type: string, id: string): NewEvent => ({
  id,
  type,
  version: 1,
  data: { type },
  correlationId: 'correlation',
  causationId: 'causation',
  actor: systemActor('eventstore-spec'),
  occurredAt: '2025-03-01T09:30:00.000Z',
});

describe('KurrentDbEventStore specifics (fake client)', () => {
  it('keeps system events out of readAll and subscriptions', async () => {
    const client = new FakeKurrentDbClient();
    const store = new KurrentDbEventStore(client.asClient());
    client.writeSystemEvent('$settings', '$metadata');
    await store.append('booking-1', [event('BookingRequested', 'command-1:0')], 'no_stream');
    client.writeSystemEvent('$$booking-1', '$metadata');
    const received: RecordedEvent[] = [];
    store.subscribeToAll(async (events) => {
      received.push(...events);
    });
    await store.append('booking-1', [event('BookingConfirmed', 'command-2:0')], 0);
    await new Promise((resolve) => setTimeout(resolve, 50));

    expect((await store.readAll()).map((recorded) => recorded.type)).toEqual(['BookingRequested', 'BookingConfirmed']);
    expect(received.map((recorded) => recorded.type)).toEqual(['BookingRequested', 'BookingConfirmed']);
    await store.close();
  });

  it('keeps our ids when they are not UUIDs', async () => {
    const store = new KurrentDbEventStore(new FakeKurrentDbClient().asClient());
    const first = await store.append('booking-1', [event('BookingRequested', 'command-1:0')], 'no_stream');

    expect(await store.append('booking-1', [event('BookingRequested', 'command-1:0')], 'no_stream')).toEqual({ ...first, duplicate: true });
    expect((await store.readStream('booking-1')).map((recorded) => recorded.id)).toEqual(['command-1:0']);
    await store.close();
  });

  it('chains each stream’s events, whatever the expected revision, without forking under concurrent appends', async () => {
    const store = new KurrentDbEventStore(new FakeKurrentDbClient().asClient());
    await store.append('booking-1', [event('BookingRequested', 'command-1:0'), event('BookingConfirmed', 'command-1:1')], 'no_stream');
    await store.append('slot-1', [event('SlotCreated', 'command-2:0')], 'no_stream');
    await store.append('booking-1', [event('BookingAmended', 'command-3:0')], 1);
    await Promise.all(['a', 'b', 'c'].map((name) => store.append('booking-1', [event('NoteAdded', `note-${name}`)], 'any')));
    const verifier = new ChainVerifier('stream');

    const breaks = (await store.readAll()).map((recorded) => verifier.check(recorded)).filter(Boolean);

    expect(breaks).toEqual([]);
    expect(verifier.verified).toBe(7);
    const booking = await store.readStream('booking-1');
    expect(booking.map((recorded) => recorded.previousHash)).toEqual([null, ...booking.slice(0, -1).map((recorded) => recorded.hash)]);
    expect((await store.readStream('slot-1'))[0].previousHash).toBeNull();
    await store.close();
  });

  it('answers a batch retried under any, after other appends, without appending it again', async () => {
    const store = new KurrentDbEventStore(new FakeKurrentDbClient().asClient());
    const first = await store.append('booking-1', [event('BookingRequested', 'command-1:0')], 'any');
    await store.append('booking-1', [event('BookingConfirmed', 'command-2:0')], 'any');

    expect(await store.append('booking-1', [event('BookingRequested', 'command-1:0')], 'any')).toEqual({ ...first, nextRevision: 1, duplicate: true });
    expect(await store.readStream('booking-1')).toHaveLength(2);
    await store.close();
  });

  it('restores exported events into another server with their ids, stream positions and hash links', async () => {
    const source = new KurrentDbEventStore(new FakeKurrentDbClient().asClient());
    await source.append('booking-1', [event('BookingRequested', 'command-1:0'), event('BookingConfirmed', 'command-1:1')], 'no_stream');
    await source.append('slot-1', [event('SlotCreated', 'command-2:0')], 'no_stream');
    await source.append('booking-1', [event('BookingCancelled', 'command-3:0')], 1);
    const exported = await source.readAll();
    const target = new KurrentDbEventStore(new FakeKurrentDbClient().asClient());

    await target.restore(exported);

    const restored = await target.readAll();
    const withoutPositions = (events: RecordedEvent[]) => events.map(({ globalPosition: _, ...rest }) => rest);
    expect(withoutPositions(restored)).toEqual(withoutPositions(exported));
    const verifier = new ChainVerifier('stream');
    expect(restored.map((recorded) => verifier.check(recorded)).filter(Boolean)).toEqual([]);
    await Promise.all([source.close(), target.close()]);
  });

  it('disposes only a client it created', async () => {
    const client = new FakeKurrentDbClient();
    await new KurrentDbEventStore(client.asClient()).close();

    expect(client.disposed).toBe(false);
  });
});
