import { objectOf, oneOf } from './openapi/response-schemas';

/** /health's answer, up (200) or down (503). */
export const healthSchema = objectOf(
  {
    status: oneOf(['up', 'down']),
    services: { type: 'object', additionalProperties: oneOf(['up', 'down']) },
    setAside: { type: 'object', additionalProperties: { type: 'integer', minimum: 0 }, description: 'Per service, stored events its projections or relay could not read (when known).' },
  },
  [],
  'Health',
);
