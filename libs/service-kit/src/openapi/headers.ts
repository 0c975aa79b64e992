import type { JsonSchema } from './json-schema';

/** Request headers the API reads, as OpenAPI parameter components. */
export const headerParameters = {
  CorrelationId: {
    name: 'X-Correlation-ID',
    in: 'header',
    required: false,
    description: 'Ties this request to the events and records it causes; echoed back. A new one is made when left out (or empty).',
    schema: { type: 'string', pattern: '^([A-Za-z0-9._:-]{1,100})?$' },
  },
  IdempotencyKey: {
    name: 'Idempotency-Key',
    in: 'header',
    required: false,
    description: 'The same key from the same organisation answers as the first request did, and changes nothing twice.',
    schema: { type: 'string', pattern: '^([!-~]{1,200})?$' },
  },
  IfMatch: {
    name: 'If-Match',
    in: 'header',
    required: true,
    description: 'The ETag of the version you read, e.g. "3": a change to a newer version is refused (412); without it, 428.',
    schema: { type: 'string', pattern: '^"[1-9][0-9]{0,14}"$' },
  },
  RequestPurpose: {
    name: 'X-Request-Purpose',
    in: 'header',
    required: false,
    description: 'Why you look (recorded in the access audit): direct-care, urgent-care-reassessment, safeguarding, care-coordination, administration, audit, or text of at most 100 characters. Default: the token’s reason_for_request, else direct-care.',
    schema: { type: 'string', maxLength: 100 },
  },
} as const;

/** The header parameter a `@Headers('name')` argument reads, by its lower-case name. */
export const parameterOfHeader: Record<string, keyof typeof headerParameters> = {
  'if-match': 'IfMatch',
  'x-request-purpose': 'RequestPurpose',
  'idempotency-key': 'IdempotencyKey',
};

const header = (description: string, schema: JsonSchema = { type: 'string' }) => ({ description, schema });

/** Response headers, as OpenAPI header components. */
export const responseHeaders = {
  CorrelationId: header('The request’s correlation id (the one sent, or a new one).'),
  ETag: header('The version of what was answered, e.g. "3": send it back as If-Match to change it.', { type: 'string', pattern: '^"[1-9][0-9]*"$' }),
  Location: header('Where to read what was made, or to poll while it is pending.'),
  RetryAfter: header('Seconds to wait before trying again.', { type: 'string', pattern: '^[0-9]+$' }),
} as const;

/** Each response header component's name on the wire. */
export const responseHeaderNames: Record<keyof typeof responseHeaders, string> = {
  CorrelationId: 'X-Correlation-ID',
  ETag: 'ETag',
  Location: 'Location',
  RetryAfter: 'Retry-After',
};

export const headerRef = (name: keyof typeof responseHeaders) => ({ $ref: `#/components/headers/${name}` });
export const parameterRef = (name: keyof typeof headerParameters) => ({ $ref: `#/components/parameters/${name}` });
