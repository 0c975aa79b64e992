import type { EventEnvelope } from './envelope';

/** Event type of the envelopes published to `<topic>.dlq`. */
export const DEAD_LETTER_EVENT_TYPE = 'messaging.DeadLetter';

/** What lands on `<topic>.dlq` (as the `data` of an event envelope) once a consumer group gave up on a message. */
export interface DeadLetterV1 {
  /** The topic the message was consumed from. */
  topic: string;
  key: string;
  /** The consumer group whose handler kept failing. */
  groupId: string;
  /**
   * How many times the handler was tried.
   * @asType integer
   * @minimum 0
   */
  attempts: number;
  /** The last error's message. */
  error: string;
  /** The original event, unchanged (its own contract is that of its topic and type). */
  event: EventEnvelope;
}
