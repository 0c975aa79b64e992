import type { IncomingMessage, ServerResponse } from 'node:http';
import { HttpException, HttpStatus } from '@nestjs/common';
import type { FastifyInstance } from 'fastify';

/** 400: the path holds a `%` that does not start a percent-encoded UTF-8 character. */
export class InvalidUrlException extends HttpException {
  readonly code = 'invalid_url';
  constructor() {
    super('the path is not valid: each % must start a percent-encoded UTF-8 character', HttpStatus.BAD_REQUEST);
  }
}

/** Fastify's router refuses a path parameter longer than this (`maxParamLength`, its default). */
export const longestPathParameter = 100;

/** 414: a path parameter is longer than any id the API gives. */
export class PathParameterTooLongException extends HttpException {
  readonly code = 'path_parameter_too_long';
  constructor() {
    super(`a path parameter may have at most ${longestPathParameter} characters`, HttpStatus.URI_TOO_LONG);
  }
}

const refusal = Symbol('refused by the router');
type RefusedRequest = IncomingMessage & { [refusal]?: { url: string; error: HttpException } };

/** Any path the router can read: a refused request is routed again to it, so it no longer trips the router. */
const readablePath = '/';

/**
 * Fastify's router refuses a path it cannot decode (`/appointments/%FF`) or with an over-long parameter before any
 * hook runs, and answers its own JSON, neither logged nor audited. Here such a request is routed again (to a path
 * the router reads) with its refusal attached: it then passes every hook as any request does (correlation id,
 * access log, access audit, headers), gets its own URL back first thing, and is refused before its body is read.
 * Give `routerOptions` to Fastify, then `attach` the instance before any other hook is added.
 */
export function routerRefusals() {
  let fastify: FastifyInstance | undefined;
  const routeAgain = (error: () => HttpException) => (_path: string, request: RefusedRequest, response: ServerResponse) => {
    request[refusal] = { url: request.url ?? readablePath, error: error() };
    request.url = readablePath;
    fastify!.routing(request, response);
  };
  return {
    routerOptions: {
      maxParamLength: longestPathParameter,
      onBadUrl: routeAgain(() => new InvalidUrlException()),
      onMaxParamLength: routeAgain(() => new PathParameterTooLongException()),
    },
    attach(instance: FastifyInstance): void {
      fastify = instance;
      instance.addHook('onRequest', async (request) => {
        const refused = (request.raw as RefusedRequest)[refusal];
        if (refused) request.raw.url = refused.url;
      });
      instance.addHook('preParsing', async (request) => {
        const refused = (request.raw as RefusedRequest)[refusal];
        if (refused) throw refused.error;
      });
    },
  };
}
