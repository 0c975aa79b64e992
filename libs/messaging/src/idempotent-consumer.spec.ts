import { Database } from '@app/eventstore/sqlite/driver';
import type { IncomingMessage } from './bus.port';
import { idempotent } from './idempotent-consumer';
import { SqliteProcessedMessageStore } from './sqlite-state-stores';
import { testEvent } from './testing/bus.contract';

describe('idempotent consumer (real SQLite processed-message store)', () => {
  const db = new Database(':memory:');
  afterAll(() => db.close());
  const message = (): IncomingMessage => ({ topic: 't', key: 'k', event: testEvent({ n: 1 }), attempt: 0 });

  it('handles a message once however often it is delivered', async () => {
    const effects: string[] = [];
    const handler = idempotent('group-a', new SqliteProcessedMessageStore(db), async (m) => void effects.push(m.event.id));
    const delivered = message();
    await handler(delivered);
    await handler(delivered);
    await handler({ ...delivered, attempt: 1 });
    expect(effects).toEqual([delivered.event.id]);
  });

  it('keeps groups apart: each group handles the message once', async () => {
    const effects: string[] = [];
    const store = new SqliteProcessedMessageStore(db);
    const delivered = message();
    await idempotent('group-b', store, async () => void effects.push('b'))(delivered);
    await idempotent('group-c', store, async () => void effects.push('c'))(delivered);
    expect(effects).toEqual(['b', 'c']);
  });

  it('records nothing when the handler fails, so the redelivery is handled', async () => {
    const store = new SqliteProcessedMessageStore(db);
    let calls = 0;
    const handler = idempotent('group-d', store, async () => {
      if (++calls === 1) throw new Error('database down');
    });
    const delivered = message();
    await expect(handler(delivered)).rejects.toThrow('database down');
    await handler(delivered);
    expect(calls).toBe(2);
    expect(await store.has('group-d', delivered.event.id)).toBe(true);
  });
});
