import { DomainError } from '@app/eventstore';

/**
 * A read the caller may not make answers as a missing thing (404, DESIGN §6), but the access record says
 * `denied`: the problem filter notes it on the request.
 */
export class DeniedReadError extends DomainError {
  constructor(code: string, message: string) {
    super(code, message, 'not-found');
  }
}
