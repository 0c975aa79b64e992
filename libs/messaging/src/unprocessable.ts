import { DomainError } from '@app/eventstore/decider';
import { EventIdConflictError } from '@app/eventstore/event-id-conflict.error';
import { UnprocessableMessageError } from './unprocessable-message.error';

/**
 * Whether a consumer's failure can never succeed on a retry: a command the domain refused, event ids that are
 * wrong, or a message the consumer cannot read. Those are dead-lettered at once. Anything else is taken to be
 * passing (a database or broker briefly away) and retried until it works: dead-lettering it would drop a saga step.
 */
export const isUnprocessable = (error: unknown): boolean =>
  error instanceof DomainError || error instanceof EventIdConflictError || error instanceof UnprocessableMessageError;
