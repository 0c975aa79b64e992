import { Logger } from '@nestjs/common';
import type { FastifyInstance } from 'fastify';
import type { Actor } from '@app/contracts';

/** NHS numbers (ten digits, in a path or a query) never reach a plain log line. */
export const redactNhsNumbers = (path: string): string => path.replace(/(?<!\d)\d{10}(?!\d)/g, '[nhs-number]');

/**
 * One structured line per request, refused ones included: who (actor, or none when the token was missing or
 * invalid), what, and the outcome. Stdout is the record here; shipping it to an audit store is a later step.
 */
export function recordAccess(fastify: FastifyInstance, logger = new Logger('Access')): void {
  fastify.addHook('onResponse', async (request, reply) => {
    if (request.url === '/health') return; // probes, every few seconds: not an access to anyone's data
    const actor = (request as unknown as { actor?: Actor }).actor;
    logger.log(
      JSON.stringify({
        method: request.method,
        path: redactNhsNumbers(request.url),
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime),
        organisation: actor?.organisation,
        user: actor?.user,
        role: actor?.role,
        correlationId: request.headers['x-correlation-id'],
      }),
    );
  });
}
