import type { JsonSchema } from './json-schema';

/** RFC 9457 problem details as every refusal carries them (see ../problem.ts). */
export const problemSchema: JsonSchema = {
  title: 'Problem',
  type: 'object',
  description: 'Why the request was refused (RFC 9457). A 400 lists at most 20 `errors` and counts the rest in `omittedErrors`.',
  required: ['type', 'title', 'status', 'detail'],
  properties: {
    type: { type: 'string', description: 'A URI naming the kind of problem.' },
    title: { type: 'string' },
    status: { type: 'integer', minimum: 400, maximum: 599 },
    detail: { type: 'string' },
    instance: { type: 'string', description: 'The request path.' },
    code: { type: 'string', description: 'A stable code for the rule broken, e.g. slot_not_found.' },
    errors: {
      type: 'array',
      maxItems: 20,
      items: { type: 'object', required: ['field', 'message'], properties: { field: { type: 'string' }, message: { type: 'string' } } },
    },
    omittedErrors: { type: 'integer', minimum: 1, description: 'How many more field errors there were than `errors` lists.' },
  },
};

export const problemStatuses = {
  400: 'Invalid input: a field, query parameter or header breaks its rule (named in `errors`), or the body is not JSON',
  401: 'No bearer token, or one that is invalid or expired',
  403: 'The caller’s role or organisation may not do this',
  404: 'Not found, or not visible to the caller (a denied read looks like a missing one)',
  409: 'Conflict with the current state',
  412: 'If-Match names a version that is no longer current: read it again',
  413: 'The body is larger than 1 MiB',
  414: 'A path parameter is longer than 100 characters',
  415: 'The body is not application/json',
  422: 'A business rule refused the request',
  428: 'If-Match is required: send the ETag of the version you read',
  429: 'Too many requests: wait for Retry-After seconds',
  500: 'Unexpected error (logged; no internals are shown)',
  503: 'Unavailable: the access could not be recorded, or the service is down',
} as const;

export type ProblemStatus = keyof typeof problemStatuses;
