import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify from 'fastify';
import { SqliteEventStore } from '@app/eventstore';
import { recordAccessDurably } from './access-hook';
import { AccessRecorder } from './access-recorder';

describe('recordAccessDurably', () => {
  const dir = mkdtempSync(join(tmpdir(), 'access-hook-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('records the route template and parameters, never the raw path; answers 503 when the record cannot be stored', async () => {
    const store = new SqliteEventStore(join(dir, 'events.sqlite'));
    const fastify = Fastify();
    recordAccessDurably(fastify, new AccessRecorder(store, 'access'), 'test', { error: () => undefined } as never);
    fastify.get('/patients/:nhsNumber/things/:id', async () => ({ ok: true }));

    const answered = await fastify.inject({ method: 'GET', url: '/patients/9434765919/things/t-1?x=1', headers: { 'x-correlation-id': 'c-1' } });
    expect(answered.statusCode).toBe(200);
    expect((await store.readAll()).map((event) => event.data)).toEqual([
      expect.objectContaining({ route: '/patients/:nhsNumber/things/:id', resourceIds: { id: 't-1' }, nhsNumber: '9434765919', correlationId: 'c-1', outcome: 'allowed' }),
    ]);

    await store.close();
    const refused = await fastify.inject({ method: 'GET', url: '/patients/9434765919/things/t-2' });
    expect(refused.statusCode).toBe(503);
    expect(refused.json()).toMatchObject({ status: 503, type: expect.stringContaining('access-not-recorded') });
    expect(refused.json()).not.toHaveProperty('ok');
    await fastify.close();
  });
});
