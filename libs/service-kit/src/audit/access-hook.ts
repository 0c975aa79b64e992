import { Logger } from '@nestjs/common';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AccessClaims } from '@app/access';
import { purposeOfRequest } from '@app/access';
import type { Actor } from '@app/contracts';
import { problemContentType, problemType } from '../problem';
import { AccessRecord, outcomeOf } from './access-record';
import type { AccessRecorder } from './access-recorder';
import type { NotedRequest } from './access-note';

interface AuditedRequest extends NotedRequest {
  receivedAt?: Date;
  actor?: Actor;
  claims?: AccessClaims;
}

const longestField = 100;
const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value.slice(0, longestField) : undefined);

/** The NHS number a request concerns: in its path (`:nhsNumber`), its query (`?patient=`), or noted by the route (a body). */
function nhsNumberOf(request: FastifyRequest & AuditedRequest): string | undefined {
  const params = (request.params ?? {}) as Record<string, unknown>;
  const query = (request.query ?? {}) as Record<string, unknown>;
  return text(params.nhsNumber) ?? text(query.patient) ?? text(request.accessNote?.nhsNumber);
}

function resourceIdsOf(request: FastifyRequest): Record<string, string> {
  const params = (request.params ?? {}) as Record<string, unknown>;
  const ids: Record<string, string> = {};
  for (const [name, value] of Object.entries(params)) if (name !== 'nhsNumber' && text(value)) ids[name] = text(value)!;
  return ids;
}

export function accessRecordOf(request: FastifyRequest & AuditedRequest, reply: FastifyReply, recordedBy: string): AccessRecord {
  const { actor, claims, accessNote } = request;
  const purposeHeader = request.headers['x-request-purpose'];
  const nhsNumber = nhsNumberOf(request);
  return {
    at: (request.receivedAt ?? new Date()).toISOString(),
    recordedBy,
    actor: actor ? { user: actor.user, organisation: actor.organisation, organisationType: actor.organisationType, role: actor.role } : null,
    authentication: actor ? 'token' : request.headers.authorization ? 'invalid-token' : 'no-token',
    purpose: purposeOfRequest(typeof purposeHeader === 'string' ? purposeHeader : undefined, claims?.reason_for_request),
    method: request.method,
    route: request.routeOptions.url ?? null,
    resourceIds: resourceIdsOf(request),
    ...(nhsNumber ? { nhsNumber } : {}),
    status: reply.statusCode,
    outcome: outcomeOf(reply.statusCode, accessNote?.denied === true),
    correlationId: String(request.headers['x-correlation-id']),
    ...(accessNote?.resultCount !== undefined ? { resultCount: accessNote.resultCount } : {}),
  };
}

const isProbe = (request: FastifyRequest): boolean => request.routeOptions.url === '/health';

/**
 * Every request but the health probe is recorded before its answer leaves (onSend), refused ones too. When the
 * record cannot be stored the answer becomes a 503: an access that is not recorded is not given.
 */
export function recordAccessDurably(fastify: FastifyInstance, recorder: AccessRecorder, recordedBy: string, logger = new Logger('AccessAudit')): void {
  fastify.addHook('onRequest', async (request) => {
    (request as AuditedRequest).receivedAt = new Date();
  });
  fastify.addHook('onSend', async (request, reply, payload) => {
    if (isProbe(request)) return payload;
    try {
      await recorder.record(accessRecordOf(request, reply, recordedBy));
      return payload;
    } catch (error) {
      logger.error(`access not recorded, answered 503: ${String(error)}`);
      void reply.code(503).header('content-type', problemContentType);
      return JSON.stringify({ type: problemType('access-not-recorded'), title: 'Unavailable', status: 503, detail: 'the access could not be recorded; try again' });
    }
  });
}
