import Fastify from 'fastify';
import { answerUnsupportedMethods } from './method-not-allowed';

describe('answerUnsupportedMethods', () => {
  const fastify = Fastify();
  answerUnsupportedMethods(fastify);
  fastify.get('/slots/:id', async () => ({ found: true }));
  fastify.delete('/slots/:id', async () => ({ withdrawn: true }));
  fastify.post('/slots/:id/holds', async () => ({ held: true }));
  afterAll(() => fastify.close());

  it('answers a known path asked with another method 405 problem+json, naming the methods it takes in Allow', async () => {
    const answer = await fastify.inject({ method: 'PUT', url: '/slots/s-1?x=1' });
    expect(answer.statusCode).toBe(405);
    expect(answer.headers.allow).toBe('DELETE, GET, HEAD');
    expect(answer.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(answer.json()).toMatchObject({ status: 405, title: 'Method not allowed', instance: '/slots/s-1?x=1' });
    expect((await fastify.inject({ method: 'GET', url: '/slots/s-1/holds' })).headers.allow).toBe('POST');
  });

  it('leaves unknown paths, and known methods the router could not match, to the 404 handler', async () => {
    expect((await fastify.inject({ method: 'PUT', url: '/nothing/here' })).statusCode).toBe(404);
    expect((await fastify.inject({ method: 'PUT', url: '/slots/s-1/holds/h-1' })).statusCode).toBe(404);
    expect((await fastify.inject({ method: 'PUT', url: '/slots/' })).statusCode).toBe(404);
    expect((await fastify.inject({ method: 'GET', url: '/slots/s-1' })).statusCode).toBe(200);
  });
});
