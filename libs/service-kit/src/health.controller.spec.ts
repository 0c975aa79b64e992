import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { sharedSecretVerifier } from '@app/access';
import { MemoryDocumentStore } from '@app/readmodel';
import { embeddedAccessAudit } from './audit/access-audit';
import type { HealthChecks } from './health.controller';
import { createHttpApp } from './http-app';

describe('GET /health', () => {
  let app: NestFastifyApplication;
  const serve = async (health: HealthChecks) => {
    app = await createHttpApp({ modules: [], tokens: sharedSecretVerifier(new TextEncoder().encode('x'.repeat(32))), health, audit: embeddedAccessAudit(mkdtempSync(join(tmpdir(), 'health-')), new MemoryDocumentStore()), logger: false });
    await app.init();
    return app.inject({ method: 'GET', url: '/health' });
  };
  afterEach(() => app.close());

  it('shows each service’s set-aside events and stays up with some', async () => {
    const response = await serve({ 'slot-service': async () => ({ up: true, setAside: 0 }), 'booking-service': async () => ({ up: true, setAside: 2 }) });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'up', services: { 'slot-service': 'up', 'booking-service': 'up' }, setAside: { 'slot-service': 0, 'booking-service': 2 } });
  });

  it('is down (503) when one service is', async () => {
    const response = await serve({ 'slot-service': async () => ({ up: false, setAside: 0 }), 'booking-service': async () => ({ up: true }) });
    expect(response.statusCode).toBe(503);
    expect(response.json()).toEqual({ status: 'down', services: { 'slot-service': 'down', 'booking-service': 'up' }, setAside: { 'slot-service': 0 } });
  });
});
