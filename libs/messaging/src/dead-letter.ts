import { systemActor, type EventEnvelope } from '@app/contracts';
import { deterministicId } from '@app/eventstore/deterministic-id';

// Dead letters: the same shape for every bus adapter.

/** Event type of the envelopes published to `<topic>.dlq`. */
export const DEAD_LETTER_EVENT_TYPE = 'messaging.DeadLetter';

/** What lands on `<topic>.dlq` (as the `data` of an event envelope) once a group gave up on a message. */
export interface DeadLetter {
  /** The topic the message was consumed from. */
  topic: string;
  key: string;
  /** The consumer group whose handler kept failing. */
  groupId: string;
  /** How many times the handler was tried. */
  attempts: number;
  /** The last error's message. */
  error: string;
  /** The original event, unchanged. */
  event: EventEnvelope;
}

/**
 * The envelope published to `<topic>.dlq`. Its id is deterministic (group + original event id), so a message that
 * is dead-lettered again after a redelivery carries the same id and an idempotent DLQ consumer sees it once.
 */
export const deadLetterEnvelope = (deadLetter: DeadLetter, failedAt: Date = new Date()): EventEnvelope<DeadLetter> => ({
  id: deterministicId('dead-letter', deadLetter.groupId, deadLetter.topic, deadLetter.event.id),
  type: DEAD_LETTER_EVENT_TYPE,
  version: 1,
  streamId: deadLetter.event.streamId,
  streamPosition: deadLetter.event.streamPosition,
  correlationId: deadLetter.event.correlationId,
  causationId: deadLetter.event.id,
  actor: systemActor(deadLetter.groupId),
  occurredAt: failedAt.toISOString(),
  data: deadLetter,
});
