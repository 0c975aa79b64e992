import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { DomainError, DomainErrorKind, StaleRevisionError } from '@app/eventstore';
import { noteAccess } from './audit/access-note';
import { DeniedReadError } from './audit/denied-read.error';
import { TooManyRequestsException } from './http-exceptions';
import { FieldError, ProblemDetails, fieldErrorsProblem, problemContentType, problemType } from './problem';

/** Thrown for invalid input; carries every field that broke a rule (the answer lists the first 20). */
export class InvalidInputException extends HttpException {
  constructor(readonly fieldErrors: FieldError[]) {
    super('invalid input', HttpStatus.BAD_REQUEST);
  }
}

const statusOfKind: Record<DomainErrorKind, number> = {
  conflict: HttpStatus.CONFLICT,
  'not-found': HttpStatus.NOT_FOUND,
  invalid: HttpStatus.UNPROCESSABLE_ENTITY,
  forbidden: HttpStatus.FORBIDDEN,
};

const titles: Record<number, string> = {
  400: 'Invalid input',
  401: 'Not authenticated',
  403: 'Not allowed',
  404: 'Not found',
  405: 'Method not allowed',
  409: 'Conflict',
  412: 'Precondition failed',
  413: 'Payload too large',
  414: 'URI too long',
  415: 'Unsupported media type',
  422: 'Rule broken',
  428: 'Precondition required',
  429: 'Too many requests',
  500: 'Internal error',
  503: 'Unavailable',
};

export interface ReplyLike {
  status(code: number): ReplyLike;
  header(name: string, value: string): ReplyLike;
  send(body: unknown): unknown;
}

/** Answers with the problem (and any extension members, RFC 9457 §3.2): its status, application/problem+json and the body. */
export function sendProblem<Extensions extends object = object>(reply: ReplyLike, problem: ProblemDetails & Extensions): void {
  reply.status(problem.status).header('content-type', problemContentType).send(problem);
}

export function toProblem(exception: unknown, instance?: string): ProblemDetails {
  if (exception instanceof InvalidInputException) {
    return { type: problemType('invalid-input'), title: titles[400], status: 400, instance, ...fieldErrorsProblem(exception.fieldErrors) };
  }
  if (exception instanceof DomainError) {
    const status = statusOfKind[exception.kind];
    return { type: problemType(exception.code), title: titles[status], status, detail: exception.message, code: exception.code, instance };
  }
  if (exception instanceof StaleRevisionError) {
    // Revisions count from 0, versions (the ETag) from 1.
    const detail = `it changed since you read it: you sent version ${exception.expected + 1}, it is now at version ${exception.actual + 1}; read it again`;
    return { type: problemType('stale_version'), title: titles[412], status: 412, detail, code: 'stale_version', instance };
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const response = exception.getResponse();
    const message = typeof response === 'string' ? response : (response as { message?: unknown }).message;
    const detail = Array.isArray(message) ? message.join('; ') : String(message ?? exception.message);
    const title = titles[status] ?? 'Error';
    const code = (exception as { code?: unknown }).code;
    const problem: ProblemDetails = { type: problemType(typeof code === 'string' ? code : title.toLowerCase().replace(/\s+/g, '-')), title, status, detail, instance };
    if (typeof code === 'string') problem.code = code;
    return problem;
  }
  return { type: problemType('internal-error'), title: titles[500], status: 500, detail: 'an unexpected error occurred; it has been logged', instance };
}

/** Every error leaves as application/problem+json; unexpected ones are logged and never leak internals. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<{ url?: string; method?: string }>();
    const problem = toProblem(exception, request.url);
    if (exception instanceof DeniedReadError) noteAccess(request, { denied: true });
    if (problem.status >= 500) this.logger.error(`${request.method} ${request.url} failed`, (exception as Error)?.stack ?? String(exception));
    const reply = http.getResponse<ReplyLike>();
    if (exception instanceof TooManyRequestsException && exception.retryAfterSeconds !== undefined) {
      reply.header('retry-after', String(Math.max(1, Math.ceil(exception.retryAfterSeconds))));
    }
    sendProblem(reply, problem);
  }
}
