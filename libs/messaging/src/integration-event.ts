import type { EventEnvelope } from '@app/contracts';
import { deterministicId } from '@app/eventstore/deterministic-id';
import type { RecordedEvent } from '@app/eventstore';
import type { OutgoingMessage } from './bus.port';

/**
 * Wraps an integration event caused by a domain event: same stream, actor and correlation, the domain event
 * as causation, and an id derived from it, so republishing after a crash sends the very same message.
 */
export function integrationMessage<T>(source: RecordedEvent, topic: string, key: string, type: string, data: T): OutgoingMessage {
  const event: EventEnvelope<T> = {
    id: deterministicId('integration', type, source.id),
    type,
    version: 1,
    occurredAt: source.occurredAt,
    streamId: source.streamId,
    streamPosition: source.streamPosition,
    globalPosition: source.globalPosition,
    correlationId: source.correlationId,
    causationId: source.id,
    actor: source.actor,
    data,
  };
  return { topic, key, event };
}
