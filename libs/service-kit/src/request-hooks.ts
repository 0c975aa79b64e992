import { randomUUID } from 'node:crypto';
import { UnsupportedMediaTypeException } from '@nestjs/common';
import type { FastifyInstance } from 'fastify';
import { InvalidInputException, sendProblem, toProblem } from './problem.filter';

/** A correlation id is stored on every event of the request: short, and safe in any log or header. */
const correlationIdShape = /^[A-Za-z0-9._:-]{1,100}$/;

/**
 * Every request gets a correlation id (the caller's X-Correlation-ID, or a new one), recorded on its events and
 * echoed back. One of another shape is refused (400 naming the header); the refusal carries a new id.
 */
export function assignCorrelationIds(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', async (request, reply) => {
    const given = request.headers['x-correlation-id'];
    const asked = typeof given === 'string' ? given.trim() : '';
    const correlationId = correlationIdShape.test(asked) ? asked : randomUUID();
    request.headers['x-correlation-id'] = correlationId;
    void reply.header('x-correlation-id', correlationId);
    if (asked !== '' && asked !== correlationId) {
      throw new InvalidInputException([{ field: 'X-Correlation-ID', message: 'must be 1 to 100 characters, each a letter, a digit or one of . _ : -' }]);
    }
  });
}

/** Bodies must be JSON: anything else is a 415 problem before it reaches a controller. */
export function refuseNonJsonBodies(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', async (request, reply) => {
    const type = request.headers['content-type'];
    if (request.method === 'GET' || request.method === 'HEAD' || type === undefined || /^application\/([\w.+-]+\+)?json\b/i.test(type)) return;
    sendProblem(reply, toProblem(new UnsupportedMediaTypeException(`send application/json, not ${type}`), request.url));
    return reply;
  });
}

/**
 * Once the app is closing, every answer ends its connection. Closing waits for open connections, and a keep-alive
 * connection whose request was still running at that moment would otherwise stay open (idle) until its timeout,
 * long after the answer: a SIGTERM under load would hang until the process is killed.
 */
export function endConnectionsWhenClosing(fastify: FastifyInstance): void {
  let closing = false;
  fastify.addHook('preClose', async () => {
    closing = true;
  });
  fastify.addHook('onSend', async (_request, reply, payload) => {
    if (closing) void reply.header('connection', 'close');
    return payload;
  });
}
