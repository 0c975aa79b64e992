import type { DynamicModule } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ServiceInfra, createHttpApp, embeddedAccessAudit } from '../../libs/service-kit/src';
import { testTokens } from './tokens';

/**
 * One service's module as the platform serves it (access guard, problem+json, access audit in DATA_DIR/audit with
 * its read side beside the service's own read models), tokens signed with the test secret.
 */
export async function testServiceApp(module: DynamicModule, infra: ServiceInfra, dataDir: string): Promise<NestFastifyApplication> {
  const audit = embeddedAccessAudit(dataDir, infra.auditDocuments, infra.service);
  const app = await createHttpApp({ modules: [module], tokens: testTokens, health: {}, audit, logger: false });
  await app.init();
  return app;
}

export interface Answer {
  status: number;
  headers: Record<string, string | string[] | number | undefined>;
  body: any;
}

export interface Client {
  get(url: string, headers?: Record<string, string>): Promise<Answer>;
  /** Without a body, an empty JSON object is sent. */
  post(url: string, body?: unknown, headers?: Record<string, string>): Promise<Answer>;
  patch(url: string, body: unknown, headers?: Record<string, string>): Promise<Answer>;
}

/**
 * Calls the service in process (inject) with the caller's bearer token, as an integration would over HTTP. `app`
 * is asked on every call, so a client made before a restart reaches the service that runs now.
 */
export function injectingClient(app: () => NestFastifyApplication, token: string): Client {
  const call = async (method: 'GET' | 'POST' | 'PATCH', url: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer> => {
    const response = await app().inject({ method, url, payload: body as never, headers: { authorization: `Bearer ${token}`, ...headers } });
    return { status: response.statusCode, headers: response.headers, body: response.body ? response.json() : undefined };
  };
  return {
    get: (url, headers) => call('GET', url, undefined, headers),
    post: (url, body, headers) => call('POST', url, body ?? {}, headers),
    patch: (url, body, headers) => call('PATCH', url, body, headers),
  };
}
