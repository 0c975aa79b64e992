/**
 * Thrown by a consumer for a message that can never succeed (a version it does not know, data it cannot read):
 * the bus dead-letters it at once instead of retrying. Any other error is taken as passing (a store or broker
 * away) and retried until it succeeds.
 */
export class UnprocessableMessageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnprocessableMessageError';
  }
}
