import rateLimit, { normalizeIP } from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AuthenticatedRequest } from '@app/access';
import { TooManyRequestsException } from './http-exceptions';

/** Requests one organisation may make per window: RATE_LIMIT_PER_ORG per RATE_LIMIT_WINDOW. */
export interface RateLimitSettings {
  perOrganisation: number;
  windowMs: number;
}
export type RateLimit = RateLimitSettings | 'off';

/** Above what the benchmark drives one organisation at (2,500 requests/s), so it never throttles a healthy caller. */
export const defaultRateLimit: RateLimitSettings = { perOrganisation: 3000, windowMs: 1000 };

/**
 * The organisation of the token verified as the request arrived (`authenticateRequests` runs first: a root hook,
 * before the limiter's route hooks), so a forged token spends nobody's quota but its sender's address's.
 */
const keyOf = (request: FastifyRequest): string => {
  const actor = (request as unknown as AuthenticatedRequest).actor;
  return actor ? `organisation:${actor.organisation}` : `address:${normalizeIP(request.ip)}`;
};

/**
 * Beyond the limit, 429 problem+json with Retry-After (and the RateLimit-* headers on every limited answer). The
 * health probe is never limited. Registered before the routes, as the limiter hooks into each route as it is added.
 */
export async function limitRequestRates(fastify: FastifyInstance, limit: RateLimit = defaultRateLimit): Promise<void> {
  if (limit === 'off') return;
  await fastify.register(rateLimit, {
    max: limit.perOrganisation,
    timeWindow: limit.windowMs,
    enableDraftSpec: true,
    keyGenerator: keyOf,
    allowList: (request) => request.routeOptions.url === '/health',
    errorResponseBuilder: (request, context) =>
      new TooManyRequestsException(
        `more than ${context.max} requests in ${limit.windowMs} ms from ${keyOf(request).replace(':', ' ')}; retry in ${context.after}`,
        context.ttl / 1000,
      ),
  });
}
