import { applyDecorators } from '@nestjs/common';
import { ApiHeader, ApiQuery, ApiResponse } from '@nestjs/swagger';
import { problemContentType } from '../problem';
import { headerParameters, headerRef, responseHeaderNames, responseHeaders } from './headers';
import { JsonSchema, schemaRef } from './json-schema';
import { ProblemStatus, problemStatuses } from './problem.schema';
import { ruleSchemaByName } from './rule-schemas';

type ResponseHeader = keyof typeof responseHeaders;

export interface AnswerOptions {
  /** Response headers besides X-Correlation-ID. */
  headers?: ResponseHeader[];
  /** OpenAPI links to operations a client (or a fuzzer) may call next with values from this answer. */
  links?: Record<string, { operationId: string; parameters?: Record<string, string>; requestBody?: unknown }>;
}

/**
 * A success answer: its JSON body (a schema with a `title` becomes a named component) or none (`undefined`).
 * Every answer also carries X-Correlation-ID (added to the whole document).
 */
export function ApiAnswer(status: number, description: string, body: JsonSchema | undefined, options: AnswerOptions = {}): MethodDecorator {
  return ApiResponse({
    status,
    description,
    ...(body ? { content: { 'application/json': { schema: body as never } } } : {}),
    ...(options.headers ? { headers: Object.fromEntries(options.headers.map((name) => [responseHeaderNames[name], headerRef(name) as never])) } : {}),
    ...(options.links ? { links: options.links } : {}),
  }) as MethodDecorator;
}

/** The problem+json answers a route gives besides those the document adds to every route (openapi-document.ts `complete`). */
export function ApiRefusals(...statuses: ProblemStatus[]): MethodDecorator {
  return applyDecorators(...statuses.map((status) => ApiResponse({ status, ...problemResponse(status) }))) as MethodDecorator;
}

/** A problem+json answer as an OpenAPI response object. */
export const problemResponse = (status: ProblemStatus, description: string = problemStatuses[status]) => ({
  description,
  content: { [problemContentType]: { schema: schemaRef('Problem') as never } },
  ...(status === 429 ? { headers: { [responseHeaderNames.RetryAfter]: headerRef('RetryAfter') as never } } : {}),
});

/** The route reads Idempotency-Key (through @Meta): a retry with the same key repeats nothing. */
export const ApiIdempotencyKey = (): MethodDecorator => ApiHeader({ ...headerParameters.IdempotencyKey, schema: { type: 'string' } }) as MethodDecorator;

/** A query parameter read alone (`@Query('name')`), checked by the named rule (one of service-kit's, e.g. isInstant). */
export function ApiQueryByRule(name: string, rule: string, description?: string): MethodDecorator {
  const schema = ruleSchemaByName(rule);
  if (!schema) throw new Error(`no schema describes the rule ${rule} (query parameter ${name})`);
  return ApiQuery({ name, required: false, description, schema: schema as never }) as MethodDecorator;
}
