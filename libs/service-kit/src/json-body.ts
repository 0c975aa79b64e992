import { HttpException, HttpStatus } from '@nestjs/common';
import type { FastifyInstance } from 'fastify';

/** No request body the API reads nests deeper; deeper JSON would only cost stack in the code that walks it. */
export const deepestJson = 32;

/** 400 for a body that is not JSON the API reads: malformed, empty, prototype-poisoning, or nested too deep. */
export class InvalidJsonException extends HttpException {
  readonly code = 'invalid_json';
  constructor(detail: string) {
    super(detail, HttpStatus.BAD_REQUEST);
  }
}

const [quote, backslash, openBrace, openBracket, closeBrace, closeBracket] = ['"', '\\', '{', '[', '}', ']'].map((char) => char.charCodeAt(0));

/** Where the string opened at `start` ends (its closing quote), or -1 when it does not. */
function endOfString(text: string, start: number): number {
  for (let end = text.indexOf('"', start + 1); end !== -1; end = text.indexOf('"', end + 1)) {
    let backslashes = 0;
    while (text.charCodeAt(end - 1 - backslashes) === backslash) backslashes++;
    if (backslashes % 2 === 0) return end;
  }
  return -1;
}

/**
 * Whether JSON text nests objects and arrays deeper than `limit`, in one pass that skips strings. Malformed text may
 * be miscounted: the parser refuses it anyway.
 */
export function nestsDeeperThan(text: string, limit: number): boolean {
  let depth = 0;
  for (let at = 0; at < text.length; at++) {
    const char = text.charCodeAt(at);
    if (char === quote) {
      at = endOfString(text, at);
      if (at === -1) return false;
    } else if (char === openBrace || char === openBracket) {
      if (++depth > limit) return true;
    } else if (char === closeBrace || char === closeBracket) {
      depth--;
    }
  }
  return false;
}

/**
 * JSON bodies are read by Fastify's own parser (which refuses `__proto__` and `constructor.prototype`) once their
 * nesting is known to be at most {@link deepestJson}; every refusal is an {@link InvalidJsonException}.
 */
export function parseJsonBodies(fastify: FastifyInstance): void {
  const parse = fastify.getDefaultJsonParser('error', 'error');
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = body as string; // parseAs: 'string'
    if (nestsDeeperThan(text, deepestJson)) {
      done(new InvalidJsonException(`JSON may nest objects and arrays at most ${deepestJson} levels deep; this body nests deeper than ${deepestJson}`), undefined);
      return;
    }
    parse(request, text, (error, value) => done(error ? new InvalidJsonException(error.message) : null, value));
  });
}
