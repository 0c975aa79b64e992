import Fastify from 'fastify';
import { InvalidJsonException, deepestJson, nestsDeeperThan, parseJsonBodies } from './json-body';

const nested = (levels: number) => `${'['.repeat(levels)}${']'.repeat(levels)}`;

describe('nestsDeeperThan', () => {
  it('counts objects and arrays, not brackets inside strings (escaped quotes included)', () => {
    expect(nestsDeeperThan(nested(3), 3)).toBe(false);
    expect(nestsDeeperThan(nested(4), 3)).toBe(true);
    expect(nestsDeeperThan('{"a":[{"b":{}}]}', 3)).toBe(true);
    expect(nestsDeeperThan('{"a":[{"b":1}],"c":[{"d":2}]}', 3)).toBe(false);
    expect(nestsDeeperThan(`{"text":"${'[{'.repeat(50)}"}`, 1)).toBe(false);
    expect(nestsDeeperThan(`{"text":"a \\" [[[ \\\\","b":[[1]]}`, 3)).toBe(false);
    expect(nestsDeeperThan(`{"text":"a \\\\","b":[[[1]]]}`, 3)).toBe(true);
  });

  it('scans 1 MB in a few milliseconds', () => {
    const slot = { organisation: 'A81001', serviceType: 'phlebotomy', start: '2031-03-01T09:00:00Z', bookableBy: { organisations: ['A81001'] } };
    const body = JSON.stringify({ slots: Array.from({ length: 8_000 }, () => slot) });
    expect(body.length).toBeGreaterThan(1_000_000);
    nestsDeeperThan(body, deepestJson);
    const started = performance.now();
    expect(nestsDeeperThan(body, deepestJson)).toBe(false);
    expect(performance.now() - started).toBeLessThan(50);
  });
});

describe('parseJsonBodies', () => {
  const post = async (payload: string) => {
    const fastify = Fastify();
    parseJsonBodies(fastify);
    fastify.post('/', async (request) => ({ read: request.body }));
    fastify.setErrorHandler(async (error, _request, reply) =>
      reply.status(418).send({ invalidJson: error instanceof InvalidJsonException, message: error instanceof Error ? error.message : String(error) }),
    );
    const response = await fastify.inject({ method: 'POST', url: '/', payload, headers: { 'content-type': 'application/json; charset=utf-8' } });
    await fastify.close();
    return response.json();
  };

  it(`reads JSON nested ${deepestJson} levels, refuses ${deepestJson + 1}`, async () => {
    expect(await post(nested(deepestJson))).toEqual({ read: JSON.parse(nested(deepestJson)) });
    expect(await post(nested(deepestJson + 1))).toEqual({ invalidJson: true, message: expect.stringContaining(`deeper than ${deepestJson}`) });
    expect(await post(`{"a":${nested(1_500)}}`)).toEqual({ invalidJson: true, message: expect.stringContaining(`deeper than ${deepestJson}`) });
  });

  it('keeps Fastify’s refusals of prototype poisoning, malformed and empty bodies', async () => {
    for (const payload of ['{"__proto__":{"admin":true}}', '{"constructor":{"prototype":{"admin":true}}}', '{"a":', '']) {
      expect(await post(payload)).toEqual({ invalidJson: true, message: expect.any(String) });
    }
  });
});
