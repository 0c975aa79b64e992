import { HttpException, HttpStatus } from '@nestjs/common';

/** 428: the change needs a precondition (If-Match with the ETag last read) so it cannot overwrite unseen changes. */
export class PreconditionRequiredException extends HttpException {
  readonly code = 'precondition_required';
  constructor(detail = 'send If-Match with the ETag of the version you read, e.g. If-Match: "3"') {
    super(detail, HttpStatus.PRECONDITION_REQUIRED);
  }
}

/** 429: a limit was reached; `retryAfterSeconds` becomes the Retry-After header when given. */
export class TooManyRequestsException extends HttpException {
  readonly code = 'too_many_requests';
  constructor(
    detail: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(detail, HttpStatus.TOO_MANY_REQUESTS);
  }
}
