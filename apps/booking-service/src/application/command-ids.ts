import { randomUUID } from 'node:crypto';
import type { Actor } from '@app/contracts';
import { deterministicId } from '@app/eventstore';
import type { RequestMeta } from '@app/service-kit';
import { canonicalJson } from '@app/eventstore/canonical-json';

/**
 * The id of a change asked for over HTTP. Under an Idempotency-Key, a repeat (same caller, same appointment, same
 * body, whatever its key order) gets the same id, so the command handler answers it from the stored events.
 */
export const changeCommandId = (action: string, bookingId: string, actor: Actor, meta: RequestMeta, body: unknown): string =>
  meta.idempotencyKey ? deterministicId(action, actor.organisation, bookingId, meta.idempotencyKey, canonicalJson(body)) : randomUUID();
