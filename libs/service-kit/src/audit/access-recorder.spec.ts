import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventStore, SqliteEventStore } from '@app/eventstore';
import { AccessRecord } from './access-record';
import { AccessRecorder } from './access-recorder';

const record = (at: string, correlationId: string): AccessRecord => ({
  at,
  recordedBy: 'platform',
  actor: null,
  authentication: 'no-token',
  purpose: 'direct-care',
  method: 'GET',
  route: '/slots',
  resourceIds: {},
  status: 401,
  outcome: 'unauthenticated',
  correlationId,
});

describe('AccessRecorder (real SQLite)', () => {
  let dir: string;
  let store: SqliteEventStore;
  let appends: string[];
  let counted: EventStore;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'access-recorder-'));
    store = new SqliteEventStore(join(dir, 'events.sqlite'));
    appends = [];
    // The store, counting appends.
    counted = Object.assign(Object.create(store) as EventStore, {
      append: (...args: Parameters<EventStore['append']>) => {
        appends.push(args[0]);
        return store.append(...args);
      },
    });
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stores the records of one tick in one append per day stream, and resolves once they are stored', async () => {
    const recorder = new AccessRecorder(counted, 'access');
    const sameDay = Array.from({ length: 20 }, (_, i) => recorder.record(record('2030-01-01T10:00:00.000Z', `c-${i}`)));
    const nextDay = recorder.record(record('2030-01-02T00:00:00.000Z', 'c-next'));
    await Promise.all([...sameDay, nextDay]);

    expect(appends.sort()).toEqual(['access-2030-01-01', 'access-2030-01-02']);
    const stored = await store.readAll();
    expect(stored).toHaveLength(21);
    expect(stored.every((event) => event.type === 'AccessRecorded' && event.version === 1)).toBe(true);
    expect(stored.filter((event) => event.streamId === 'access-2030-01-01').map((event) => event.correlationId)).toEqual(Array.from({ length: 20 }, (_, i) => `c-${i}`));
    expect(recorder.lastPosition).toBe(stored[stored.length - 1].globalPosition);
  });

  it('rejects the records of a failed append, and records later ones', async () => {
    const recorder = new AccessRecorder(counted, 'access');
    await store.close();
    await expect(recorder.record(record('2030-01-01T10:00:00.000Z', 'lost'))).rejects.toThrow();
    store = new SqliteEventStore(join(dir, 'events.sqlite'));
    const again = new AccessRecorder(store, 'access');
    await again.record(record('2030-01-01T10:00:01.000Z', 'kept'));
    expect((await store.readAll()).map((event) => event.correlationId)).toEqual(['kept']);
  });

  it('drain waits for records still to be stored', async () => {
    const recorder = new AccessRecorder(store, 'access');
    void recorder.record(record('2030-01-01T10:00:00.000Z', 'late'));
    await recorder.drain();
    expect((await store.readAll()).map((event) => event.correlationId)).toEqual(['late']);
  });
});
