import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Database } from '@app/eventstore/sqlite/driver';
import type { EventEnvelope } from '@app/contracts';
import { deadLetterTopic } from './bus.port';
import type { DeadLetter } from './dead-letter';
import { InProcessBus } from './in-process-bus';
import { SqliteDeadLetterStore } from './sqlite-dead-letter-store';
import { UnprocessableMessageError } from './unprocessable-message.error';
import { testEvent } from './testing/bus.contract';

describe('dead letters kept on disk (real SQLite, in-process bus)', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'dead-letters-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps a message a consumer gave up on, once, across a restart', async () => {
    const file = join(dir, 'dead-letters.sqlite');
    const db = new Database(file);
    const store = new SqliteDeadLetterStore(db);
    const bus = new InProcessBus({ retryPolicy: { backoffMs: () => 1 }, logger: { warn: () => undefined, error: () => undefined } });
    await bus.subscribe({ groupId: 'recorder', topics: [deadLetterTopic('t.v1')], handler: (m) => store.record(m.event as EventEnvelope<DeadLetter>) });
    await bus.subscribe({ groupId: 'broken', topics: ['t.v1'], handler: async () => { throw new UnprocessableMessageError('handler bug'); } });

    const event = testEvent({ n: 1 });
    await bus.publish([{ topic: 't.v1', key: 'k', event }]);
    await bus.publish([{ topic: 't.v1', key: 'k', event }]); // redelivered, dead-lettered again: same id
    await bus.close();
    db.close();

    const reopened = new Database(file);
    const kept = await new SqliteDeadLetterStore(reopened).list();
    reopened.close();
    expect(kept).toEqual([
      expect.objectContaining({ topic: 't.v1', key: 'k', groupId: 'broken', attempts: 1, error: expect.stringContaining('handler bug'), event }),
    ]);
  });
});
