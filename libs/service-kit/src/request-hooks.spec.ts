import Fastify from 'fastify';
import { endConnectionsWhenClosing } from './request-hooks';

describe('endConnectionsWhenClosing', () => {
  it('lets a request running at close finish, ends its keep-alive connection, and so lets the close complete', async () => {
    const fastify = Fastify();
    endConnectionsWhenClosing(fastify);
    let started!: () => void;
    const running = new Promise<void>((resolve) => (started = resolve));
    fastify.get('/slow', async () => {
      started();
      await new Promise((resolve) => setTimeout(resolve, 300));
      return { done: true };
    });
    fastify.get('/fast', async () => ({ done: true }));
    const address = await fastify.listen({ port: 0, host: '127.0.0.1' });

    // Before closing, answers keep their connection open for the next request.
    expect((await fetch(`${address}/fast`)).headers.get('connection')).toBe('keep-alive');
    const answer = fetch(`${address}/slow`);
    await running;
    const closedAt = Date.now();
    const closed = fastify.close();

    const response = await answer;
    expect(await response.json()).toEqual({ done: true });
    expect(response.headers.get('connection')).toBe('close');
    await closed;
    // Without the hook the close waits for the keep-alive timeout (72 s in Fastify) of that idle connection.
    expect(Date.now() - closedAt).toBeLessThan(3_000);
  });
});
