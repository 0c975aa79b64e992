import { randomUUID } from 'node:crypto';
import { ExecutionContext, createParamDecorator } from '@nestjs/common';
import type { Actor, EventEnvelope } from '@app/contracts';
import type { CommandContext } from '@app/eventstore';
import { deterministicId } from '@app/eventstore/deterministic-id';
import { InvalidInputException } from './problem.filter';

/** What a request says about itself: its correlation id and, for retried POSTs, its idempotency key. */
export interface RequestMeta {
  correlationId: string;
  idempotencyKey?: string;
}

const header = (headers: Record<string, unknown>, name: string): string | undefined => {
  const value = headers[name];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
};

/** An idempotency key names one request for good: visible ASCII, as long as any key a client makes needs. */
export const idempotencyKeyShape = /^[!-~]{1,200}$/;

export const Meta = createParamDecorator((_: unknown, context: ExecutionContext): RequestMeta => {
  const headers = context.switchToHttp().getRequest<{ headers: Record<string, unknown> }>().headers;
  const idempotencyKey = header(headers, 'idempotency-key');
  if (idempotencyKey !== undefined && !idempotencyKeyShape.test(idempotencyKey)) {
    throw new InvalidInputException([{ field: 'Idempotency-Key', message: 'must be 1 to 200 visible ASCII characters (no spaces)' }]);
  }
  // The correlation id is set on every request by the HTTP app (the caller's or a new one); a fresh one only outside it.
  return { correlationId: header(headers, 'x-correlation-id') ?? randomUUID(), idempotencyKey };
});

/** Context of a command from an HTTP request; `commandId` is derived from the idempotency key when there is one. */
export function requestContext(actor: Actor, meta: RequestMeta, commandId: string = randomUUID()): CommandContext {
  return { commandId, correlationId: meta.correlationId, causationId: commandId, actor, now: new Date() };
}

/** Context of a command caused by an event (a saga step): a redelivery of the event gives the same command id. */
export function reactionContext(cause: EventEnvelope, step: string): CommandContext {
  return {
    commandId: deterministicId(step, cause.id),
    correlationId: cause.correlationId,
    causationId: cause.id,
    actor: cause.actor,
    now: new Date(),
  };
}
