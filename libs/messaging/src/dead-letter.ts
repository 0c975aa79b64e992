import { DEAD_LETTER_EVENT_TYPE, systemActor, type DeadLetterV1, type EventEnvelope } from '@app/contracts';
import { deterministicId } from '@app/eventstore/deterministic-id';

// Dead letters: the same shape for every bus adapter. The contract (libs/contracts) defines it; the adapters use these names.
export { DEAD_LETTER_EVENT_TYPE };
export type DeadLetter = DeadLetterV1;

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
