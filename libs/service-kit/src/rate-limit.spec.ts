import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { sharedSecretVerifier, signToken } from '@app/access';
import { MemoryDocumentStore } from '@app/readmodel';
import { embeddedAccessAudit } from './audit/access-audit';
import { createHttpApp } from './http-app';
import type { RateLimit } from './rate-limit';

const key = new TextEncoder().encode('a-secret-that-is-long-enough-for-hs256!!');
const auditorOf = async (org: string, signingKey = key) =>
  `Bearer ${await signToken({ sub: `${org}-auditor`, org, orgType: 'regulator', federations: [], role: 'auditor' }, signingKey)}`;

describe('rate limits', () => {
  let app: NestFastifyApplication;
  let dataDir: string;
  const start = async (rateLimit: RateLimit) => {
    dataDir = mkdtempSync(join(tmpdir(), 'rate-limit-'));
    const audit = embeddedAccessAudit(dataDir, new MemoryDocumentStore());
    app = await createHttpApp({ modules: [], tokens: sharedSecretVerifier(key), rateLimit, health: {}, audit, logger: false });
    await app.init();
  };
  afterEach(async () => {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  });
  const get = (authorization?: string, url = '/audit/timeline?correlationId=x') =>
    app.inject({ method: 'GET', url, headers: authorization ? { authorization } : {} });

  describe('3 requests a minute per organisation', () => {
    beforeEach(() => start({ perOrganisation: 3, windowMs: 60_000 }));

    it('answers 429 problem+json with Retry-After beyond the limit, and the RateLimit headers on every answer', async () => {
      const token = await auditorOf('AUD01');
      const answers = [await get(token), await get(token), await get(token)];
      expect(answers.map((answer) => [answer.statusCode, answer.headers['ratelimit-limit'], answer.headers['ratelimit-remaining']])).toEqual([
        [200, '3', '2'],
        [200, '3', '1'],
        [200, '3', '0'],
      ]);
      const limited = await get(token);
      expect(limited.statusCode).toBe(429);
      expect(limited.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(60);
      expect(limited.headers['ratelimit-remaining']).toBe('0');
      expect(limited.json()).toEqual({
        type: 'https://appointment-booking.dev/problems/too_many_requests',
        title: 'Too many requests',
        status: 429,
        detail: expect.stringMatching(/^more than 3 requests in 60000 ms from organisation AUD01; retry in /),
        code: 'too_many_requests',
        instance: '/audit/timeline?correlationId=x',
      });
    });

    it('counts each organisation apart: one organisation’s flood leaves another its quota', async () => {
      const flooding = await auditorOf('AUD01');
      for (let i = 0; i < 5; i++) await get(flooding);
      expect((await get(flooding)).statusCode).toBe(429);
      const other = await auditorOf('AUD02');
      expect([(await get(other)).statusCode, (await get(other)).statusCode, (await get(other)).statusCode]).toEqual([200, 200, 200]);
    });

    it('keys a forged token by its sender’s address: it cannot spend the organisation it names', async () => {
      const forged = await auditorOf('AUD02', new TextEncoder().encode('another-secret-that-is-long-enough-too!!'));
      expect([(await get(forged)).statusCode, (await get(forged)).statusCode, (await get(forged)).statusCode, (await get(forged)).statusCode]).toEqual([
        401, 401, 401, 429,
      ]);
      // Without a token: the same address, the same count.
      expect((await get()).statusCode).toBe(429);
      const genuine = await auditorOf('AUD02');
      expect([(await get(genuine)).statusCode, (await get(genuine)).statusCode, (await get(genuine)).statusCode]).toEqual([200, 200, 200]);
    });

    it('never limits the health probe', async () => {
      for (let i = 0; i < 10; i++) {
        const probe = await get(undefined, '/health');
        expect([probe.statusCode, probe.headers['ratelimit-limit']]).toEqual([200, undefined]);
      }
    });
  });

  it('is off with RATE_LIMIT_PER_ORG=off', async () => {
    await start('off');
    const token = await auditorOf('AUD01');
    for (let i = 0; i < 10; i++) {
      const answer = await get(token);
      expect([answer.statusCode, answer.headers['ratelimit-limit']]).toEqual([200, undefined]);
    }
  });
});
