import type { DomainEvent } from '../decider';
import { EventTypes, EventTypeDeclaration } from '../upcasting/event-types';

/**
 * An event as a service reads it when it was stored as `version` of its type by an earlier release: upcast through
 * the service's declared chain, for given/when/then and projection tests with old data.
 */
export function storedAs<Event extends DomainEvent>(types: EventTypeDeclaration, type: Event['type'], version: number, data: unknown): Event {
  const actor = { organisation: 'test', organisationType: 'system', user: 'test', role: 'system', federations: [] };
  const stored = { id: 'stored', type, version, data, streamId: 'test', streamPosition: 0, globalPosition: '0', correlationId: 'c', causationId: 'c', actor, occurredAt: '' };
  return { type, data: new EventTypes(types).upcast(stored).data } as Event;
}
