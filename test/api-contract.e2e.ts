import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DynamicModule } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Role } from '../libs/access/src';
import { InProcessBus } from '../libs/messaging/src';
import { MemoryDocumentStore } from '../libs/readmodel/src';
import { ServiceInfra, embeddedInfra, inputSchemas } from '../libs/service-kit/src';
import { BookingApplication, BookingServiceModule } from '../apps/booking-service/src';
import { NotificationApplication, NotificationServiceModule } from '../apps/notification-service/src';
import { RegistryApplication, RegistryServiceModule } from '../apps/registry-service/src';
import { SlotApplication, SlotServiceModule } from '../apps/slot-service/src';
import { EmbeddedPlatform } from './support/embedded-platform';
import { Document, documentProblems, documentedRoutes, operationsOf, schemaChecker, servedRoutes } from './support/openapi-contract';
import { testServiceApp } from './support/service-app';
import { tokenFor } from './support/tokens';

/** The contract's own routes (the document and its page), left out of the contract. */
const isContractRoute = (route: string) => / \/(openapi\.json|docs)(\/|$)/.test(route);

const documentOf = async (app: NestFastifyApplication): Promise<Document> => {
  const response = await app.inject({ method: 'GET', url: '/openapi.json' });
  expect(response.statusCode).toBe(200);
  return response.json();
};

/** Routes served but not documented, and documented but not served, each named. */
async function coverage(app: NestFastifyApplication) {
  const served = servedRoutes(app.getHttpAdapter().getInstance()).filter((route) => !isContractRoute(route));
  const documented = documentedRoutes(await documentOf(app));
  return { served, undocumented: served.filter((route) => !documented.includes(route)), notServed: documented.filter((route) => !served.includes(route)) };
}

const services: Record<string, (infra: ServiceInfra) => DynamicModule> = {
  'slot-service': (infra) => SlotServiceModule.register(new SlotApplication(infra)),
  'booking-service': (infra) => BookingServiceModule.register(new BookingApplication(infra, { confirmTimeoutMs: 1000 })),
  'registry-service': (infra) => RegistryServiceModule.register(new RegistryApplication(infra)),
  'notification-service': (infra) => NotificationServiceModule.register(new NotificationApplication(infra)),
};

describe('the API contract: OpenAPI 3.1 at /openapi.json', () => {
  const platform = new EmbeddedPlatform();
  let app: NestFastifyApplication;
  let document: Document;

  beforeAll(async () => {
    await platform.start();
    app = platform.platform!.app;
    document = await documentOf(app);
  });
  afterAll(() => platform.destroy());

  it('documents every route the platform serves, and no other', async () => {
    const { served, undocumented, notServed } = await coverage(app);
    expect(served).toEqual(expect.arrayContaining(['GET /health', 'POST /slots', 'PATCH /appointments/:id', 'GET /registry/patients/:nhsNumber/appointments']));
    expect({ undocumented, notServed }).toEqual({ undocumented: [], notServed: [] });
  });

  it.each(Object.keys(services))('%s alone documents its own routes, and no other', async (service) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'contract-'));
    const bus = new InProcessBus();
    const infra = embeddedInfra(service, dataDir, bus, new MemoryDocumentStore());
    const serviceApp = await testServiceApp(services[service](infra), infra, dataDir);
    try {
      const { served, undocumented, notServed } = await coverage(serviceApp);
      expect(served.length).toBeGreaterThan(3);
      expect({ undocumented, notServed }).toEqual({ undocumented: [], notServed: [] });
      expect(documentProblems(await documentOf(serviceApp))).toEqual([]);
    } finally {
      await serviceApp.close();
      await bus.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('is a well-formed OpenAPI 3.1 document', () => {
    expect(documentProblems(document)).toEqual([]);
  });

  it('describes every validation rule the requests are checked with', () => {
    expect(inputSchemas().undescribed).toEqual([]);
  });

  it('every schema compiles as JSON Schema 2020-12, and every request example conforms to its schema', () => {
    const checker = schemaChecker(document);
    for (const schema of Object.values(document.components.schemas)) expect(() => checker.compile(schema)).not.toThrow();
    const examples = operationsOf(document).flatMap(({ route, operation }) =>
      Object.values(operation.requestBody?.content ?? {}).flatMap(({ schema, examples }) =>
        Object.entries(examples ?? {}).map(([name, example]) => ({ example: `${route} ${name}`, problems: checker.problems(schema, example.value) })),
      ),
    );
    expect(examples.length).toBeGreaterThanOrEqual(9);
    expect(examples.filter((example) => example.problems.length > 0)).toEqual([]);
  });

  it('gives the document and a page to read it without a token', async () => {
    const json = await app.inject({ method: 'GET', url: '/openapi.json' });
    expect(json.headers['content-type']).toContain('application/json');
    const page = await app.inject({ method: 'GET', url: '/docs' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    for (const asset of page.body.match(/(?:href|src)="([^"]+)"/g)!.map((attribute) => attribute.split('"')[1])) {
      const loaded = await app.inject({ method: 'GET', url: asset });
      expect([asset, loaded.statusCode, loaded.body.length > 0]).toEqual([asset, 200, true]);
    }
    expect(document.components.securitySchemes.bearer).toEqual(expect.objectContaining({ type: 'http', scheme: 'bearer' }));
    expect(document.paths['/health'].get.security).toEqual([]);
    expect(document.paths['/slots'].post.security).toBeUndefined();
    expect(document.security).toEqual([{ bearer: [] }]);
  });

  describe('the answers of a booking’s life conform to the document', () => {
    const checker = () => schemaChecker(document);
    type Answer = { status: number; headers: Record<string, unknown>; body: any };

    const call = async (caller: [string, Role], method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown, headers: Record<string, string> = {}): Promise<Answer> => {
      const token = await tokenFor(caller[0], caller[1], { federations: ['F1'] });
      const response = await app.inject({ method, url, payload: payload as never, headers: { authorization: `Bearer ${token}`, ...headers } });
      const answer = { status: response.statusCode, headers: response.headers, body: response.body ? response.json() : undefined };
      expect([method, url, answerProblems(method, url, answer)]).toEqual([method, url, []]);
      return answer;
    };

    /** The answer's breaches of its operation's documented answer for that status (status, content type, body, headers). */
    function answerProblems(method: string, url: string, answer: Answer): string[] {
      const path = new URL(url, 'http://x').pathname;
      const found = Object.entries(document.paths).find(([template]) => new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`).test(path));
      const operation = found?.[1][method.toLowerCase()];
      if (!operation) return [`no operation for ${method} ${path}`];
      const response = operation.responses[String(answer.status)];
      if (!response) return [`status ${answer.status} is not documented: ${JSON.stringify(answer.body)}`];
      const headerProblems = Object.keys(response.headers ?? {})
        .filter((name) => !['Location', 'ETag'].includes(name) || answer.status !== 202)
        .filter((name) => answer.headers[name.toLowerCase()] === undefined)
        .map((name) => `header ${name} is missing`);
      if (!response.content) return answer.body === undefined ? headerProblems : [...headerProblems, 'a body where none is documented'];
      const type = String(answer.headers['content-type']).split(';')[0];
      const content = response.content[type];
      if (!content) return [...headerProblems, `content type ${type} is not documented`];
      return [...headerProblems, ...checker().problems(content.schema, answer.body)];
    }

    const admin: [string, Role] = ['A81001', 'provider-admin'];
    const booker: [string, Role] = ['A81001', 'booker'];
    const auditor: [string, Role] = ['AUDIT1', 'auditor'];
    const example = (route: string, method: string) => Object.values(document.paths[route][method].requestBody!.content['application/json'].examples!)[0].value as any;

    it('slots, appointments, the registry, notifications, the audit and health', async () => {
      const published = await call(admin, 'POST', '/slots', example('/slots', 'post'));
      expect(published.status).toBe(201);
      const slot = published.body.items[0];
      await call(booker, 'GET', `/slots?start=2030-02-25T00:00:00Z&end=2030-03-05T00:00:00Z&organisation=A81001`);
      await call(booker, 'GET', `/slots/${slot.id}`);
      await call(booker, 'GET', '/slots/no-such-slot');
      expect((await call(['Y00001', 'booker'], 'POST', `/slots/${slot.id}/holds`)).status).toBe(201);

      const booked = await call(booker, 'POST', '/appointments', { ...example('/appointments', 'post'), slotId: slot.id });
      expect(booked.status).toBe(201);
      const id = booked.body.id;
      await call(booker, 'GET', `/appointments/${id}`);
      await call(booker, 'GET', `/appointments/${id}?asOf=${encodeURIComponent(new Date().toISOString())}`);
      await call(booker, 'GET', `/appointments?patient=${booked.body.patient.nhsNumber}`);
      await call(booker, 'GET', `/appointments/${id}/history`);
      expect((await call(booker, 'PATCH', `/appointments/${id}`, example('/appointments/{id}', 'patch'))).status).toBe(428);
      const amended = await call(booker, 'PATCH', `/appointments/${id}`, example('/appointments/{id}', 'patch'), { 'if-match': String(booked.headers.etag) });
      expect(amended.status).toBe(200);
      expect((await call(booker, 'PATCH', `/appointments/${id}`, { comment: null }, { 'if-match': String(booked.headers.etag) })).status).toBe(412);
      expect((await call(booker, 'POST', `/appointments/${id}/cancel`, example('/appointments/{id}/cancel', 'post'))).status).toBe(200);
      await call(booker, 'GET', `/appointments/${id}/reschedules/no-such-attempt`);

      await call(booker, 'GET', `/notifications?appointment=${id}`);
      await call(['NHS111', 'booker'], 'GET', `/registry/patients/${booked.body.patient.nhsNumber}/appointments?status=booked,cancelled`, undefined, { 'x-request-purpose': 'direct-care' });
      const entry = await call(admin, 'POST', '/registry/entries', example('/registry/entries', 'post'));
      expect(entry.status).toBe(201);
      await call(admin, 'GET', `/registry/entries/${entry.body.id}`);
      expect((await call(admin, 'POST', `/registry/entries/${entry.body.id}/cancel`, { reason: 'moved' }, { 'if-match': String(entry.headers.etag) })).status).toBe(200);
      await call(['NHS111', 'system'], 'GET', '/registry/changes');
      await call(auditor, 'GET', '/registry/access-log');
      await call(auditor, 'GET', '/audit/access?limit=5');
      await call(auditor, 'GET', `/audit/timeline?appointmentId=${id}`);
      await call(booker, 'GET', '/audit/access');
      await call(admin, 'DELETE', `/slots/${(await call(admin, 'POST', '/slots', example('/slots', 'post'))).body.items[0].id}`);
      await call(booker, 'POST', '/slots', { slots: [{}] });
      await call(booker, 'GET', '/health');
    });
  });
});
