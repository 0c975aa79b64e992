import { applyDecorators } from '@nestjs/common';
import { ApiHeader, ApiQuery, ApiResponse } from '@nestjs/swagger';
import { problemContentType } from '../problem';
import { headerParameters, headerRef, responseHeaders } from './headers';
import { JsonSchema, schemaRef } from './json-schema';
import { ProblemStatus, problemStatuses } from './problem.schema';
import { ruleSchemaByName } from './rule-schemas';

type ResponseHeader = keyof typeof responseHeaders;

export interface AnswerOptions {
  /** Response headers besides X-Correlation-ID. */
  headers?: ResponseHeader[];
  /** OpenAPI links to operations a client (or a fuzzer) may call next with values from this answer. */
  links?: Record<string, { operationId: string; parameters?: Record<string, string>; requestBody?: unknown }>;
  /** An example body. */
  example?: unknown;
}

/**
 * A success answer: its JSON body (a schema with a `title` becomes a named component) or none (`undefined`).
 * Every answer also carries X-Correlation-ID (added to the whole document).
 */
export function ApiAnswer(status: number, description: string, body: JsonSchema | undefined, options: AnswerOptions = {}): MethodDecorator {
  return ApiResponse({
    status,
    description,
    ...(body ? { content: { 'application/json': { schema: body as never, ...(options.example !== undefined ? { example: options.example } : {}) } } } : {}),
    ...(options.headers ? { headers: Object.fromEntries(options.headers.map((name) => [headerName(name), headerRef(name) as never])) } : {}),
    ...(options.links ? { links: options.links } : {}),
  }) as MethodDecorator;
}

const headerName = (name: ResponseHeader): string => ({ CorrelationId: 'X-Correlation-ID', ETag: 'ETag', Location: 'Location', RetryAfter: 'Retry-After' })[name];

/** The problem+json answers a route gives besides those every route can give (400, 401, 429, 500, 503; 413 and 415 with a body). */
export function ApiRefusals(...statuses: ProblemStatus[]): MethodDecorator {
  return applyDecorators(...statuses.map((status) => ApiResponse({ status, ...problemResponse(status) }))) as MethodDecorator;
}

/** A problem+json answer as an OpenAPI response object. */
export const problemResponse = (status: ProblemStatus, description: string = problemStatuses[status]) => ({
  description,
  content: { [problemContentType]: { schema: schemaRef('Problem') as never } },
  ...(status === 429 ? { headers: { 'Retry-After': headerRef('RetryAfter') as never } } : {}),
});

/** The route reads Idempotency-Key (through @Meta): a retry with the same key repeats nothing. */
export const ApiIdempotencyKey = (): MethodDecorator => ApiHeader({ ...headerParameters.IdempotencyKey, schema: { type: 'string' } }) as MethodDecorator;

/** A query parameter read alone (`@Query('name')`), checked by the named rule (e.g. isInstant). */
export const ApiQueryByRule = (name: string, rule: string, description?: string): MethodDecorator =>
  ApiQuery({ name, required: false, description, schema: ruleSchemaByName(rule) as never }) as MethodDecorator;
