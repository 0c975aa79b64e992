import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { OpenAPIObject } from '@nestjs/swagger';
import { ApiDescription, openApiDocument } from './openapi-document';

/** Paths of the contract itself (plain Fastify routes, left out of it). */
export const contractPaths = { document: '/openapi.json', page: '/docs' } as const;

// Swagger UI's files, from the swagger-ui-dist that @nestjs/swagger depends on.
const swaggerUiFolder = (): string => (createRequire(require.resolve('@nestjs/swagger'))('swagger-ui-dist/absolute-path.js') as () => string)();

const assets = { 'swagger-ui.css': 'text/css; charset=utf-8', 'swagger-ui-bundle.js': 'application/javascript; charset=utf-8' } as const;

const page = (title: string) => `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>${title}</title><link rel="stylesheet" href="${contractPaths.page}/swagger-ui.css"></head>
<body><div id="swagger-ui"></div>
<script src="${contractPaths.page}/swagger-ui-bundle.js"></script>
<script src="${contractPaths.page}/init.js"></script>
</body>
</html>
`;

// A script file rather than inline, so a Content-Security-Policy of script-src 'self' still lets the page work.
const init = `window.ui = SwaggerUIBundle({ url: '${contractPaths.document}', dom_id: '#swagger-ui', presets: [SwaggerUIBundle.presets.apis], layout: 'BaseLayout', deepLinking: true });\n`;

/**
 * Serves the API's contract without a token: the OpenAPI document at /openapi.json and a page to read it at /docs
 * (Swagger UI). The document is built at its first request, once every module has declared its routes.
 */
export function serveApiContract(app: NestFastifyApplication, api: ApiDescription): void {
  const fastify = app.getHttpAdapter().getInstance();
  let document: string | undefined;
  const built = (): string => (document ??= JSON.stringify(openApiDocument(app, api) satisfies OpenAPIObject));
  fastify.get(contractPaths.document, async (_request, reply) => reply.type('application/json; charset=utf-8').send(built()));
  fastify.get(contractPaths.page, async (_request, reply) => reply.type('text/html; charset=utf-8').send(page(api.title)));
  fastify.get(`${contractPaths.page}/init.js`, async (_request, reply) => reply.type(assets['swagger-ui-bundle.js']).send(init));
  for (const [file, type] of Object.entries(assets)) {
    let content: Buffer | undefined;
    fastify.get(`${contractPaths.page}/${file}`, async (_request, reply) => reply.type(type).send((content ??= readFileSync(join(swaggerUiFolder(), file)))));
  }
}

/** The contract of the services one process serves: all four (the platform) or one. */
export function apiDescription(services: string[]): ApiDescription {
  const title = services.length === 1 ? `Appointment booking: ${services[0]}` : 'Appointment booking platform';
  return {
    title,
    version: '1',
    description: [
      'Event-sourced appointment booking: slots, bookings, the Appointment Registry and notifications.',
      'Every request but /health, /openapi.json and /docs carries a bearer JWT (`npm run token` mints one in embedded mode).',
      'Every refusal is application/problem+json. Instants are RFC 3339 with an offset (2030-03-01T09:00:00Z).',
    ].join('\n\n'),
  };
}
