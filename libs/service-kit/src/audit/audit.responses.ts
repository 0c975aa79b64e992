import { instant, itemsOf, nullable, objectOf, oneOf, pageOf, text } from '../openapi/response-schemas';
import { accessOutcomes } from './access-record';

/** Who accessed what, as auditors list it. */
export const accessPage = pageOf(
  'AccessRecordPage',
  objectOf(
    {
      at: instant,
      recordedBy: text,
      actor: nullable(objectOf({ user: text, organisation: text, organisationType: text, role: text })),
      authentication: oneOf(['token', 'no-token', 'invalid-token']),
      purpose: text,
      method: text,
      route: nullable(text),
      resourceIds: { type: 'object', additionalProperties: text },
      nhsNumber: text,
      status: { type: 'integer' },
      outcome: oneOf(accessOutcomes),
      correlationId: text,
      resultCount: { type: 'integer', minimum: 0 },
    },
    ['nhsNumber', 'resultCount'],
  ),
);

/** The story of a booking across the services, in order. */
export const timelineSchema = itemsOf(
  'Timeline',
  objectOf(
    {
      at: instant,
      service: text,
      type: text,
      actor: nullable({ type: 'object' }),
      reason: text,
      correlationId: text,
      causationId: nullable(text),
      appointmentIds: { type: 'array', items: text },
      position: text,
      request: objectOf({ method: text, route: nullable(text), status: { type: 'integer' }, outcome: text }),
    },
    ['reason', 'request'],
  ),
);
