import helmet from 'helmet';
import type { FastifyInstance } from 'fastify';

/**
 * Helmet's defaults (nosniff, HSTS, frame and referrer rules, a same-origin CSP), with the two changes the /docs page
 * needs: swagger-ui styles itself inline, and a deployment reached over plain HTTP must not have its scripts
 * upgraded to an https that is not there.
 */
const helmetOptions = {
  contentSecurityPolicy: { directives: { styleSrc: ["'self'", "'unsafe-inline'"], upgradeInsecureRequests: null } },
};

/**
 * Security headers on every answer, refusals and 404s included, and `Cache-Control: no-store` unless a route set its
 * own: answers carry patient data, which no browser or proxy may keep. Register it before any hook that can answer
 * (its headers are set in the first onRequest hook).
 */
export async function secureResponses(fastify: FastifyInstance): Promise<void> {
  // helmet's own middleware, built once (the Fastify plugin builds it anew for every request).
  const setSecurityHeaders = helmet(helmetOptions);
  fastify.addHook('onRequest', (request, reply, next) => setSecurityHeaders(request.raw, reply.raw, (error?: unknown) => next(error as Error | undefined)));
  fastify.addHook('onSend', async (_request, reply, payload) => {
    if (!reply.hasHeader('cache-control')) void reply.header('cache-control', 'no-store');
    return payload;
  });
}
