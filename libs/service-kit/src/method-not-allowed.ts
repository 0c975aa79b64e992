import { MethodNotAllowedException } from '@nestjs/common';
import type { FastifyInstance } from 'fastify';
import { sendProblem, toProblem } from './problem.filter';

/** A route's path as a pattern for concrete paths: each `:parameter` stands for one non-empty segment. */
const pathPattern = (url: string): RegExp =>
  new RegExp(`^${url.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:[^/]+/g, '[^/]+')}$`);

/**
 * A known path asked with a method it does not take answers 405 with `Allow` (RFC 9110 §15.5.6), not 404: the
 * resource exists. Fastify's router only says "no route", so the methods of every route are kept here as they are
 * registered (call before the routes are).
 */
export function answerUnsupportedMethods(fastify: FastifyInstance): void {
  const routes: { pattern: RegExp; methods: Set<string> }[] = [];
  fastify.addHook('onRoute', ({ url, method }) => {
    const pattern = pathPattern(url);
    const known = routes.find((route) => route.pattern.source === pattern.source);
    const methods = known?.methods ?? new Set<string>();
    if (!known) routes.push({ pattern, methods });
    for (const each of Array.isArray(method) ? method : [method]) methods.add(each);
  });
  fastify.addHook('onRequest', async (request, reply) => {
    if (!request.is404) return;
    const path = request.url.split('?', 1)[0];
    const allowed = [...new Set(routes.filter((route) => route.pattern.test(path)).flatMap((route) => [...route.methods]))].sort();
    if (allowed.length === 0 || allowed.includes(request.method)) return;
    void reply.header('allow', allowed.join(', '));
    sendProblem(reply, toProblem(new MethodNotAllowedException(`${request.method} is not allowed here; use ${allowed.join(', ')}`), request.url));
    return reply;
  });
}
