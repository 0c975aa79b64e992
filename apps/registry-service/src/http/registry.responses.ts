import { instant, itemsOf, objectOf, oneOf, pageOf, text } from '@app/service-kit';
import { entryStatuses } from '../application/patient-search';

/** An entry of the Appointment Registry, as every route shows it (ETag: its version). */
export const entrySchema = objectOf(
  {
    id: text,
    appointmentId: text,
    appointmentUrl: text,
    nhsNumber: text,
    organisation: text,
    serviceType: text,
    start: instant,
    end: instant,
    status: oneOf(entryStatuses),
    supersedes: text,
    supersededBy: text,
    source: oneOf(['booking', 'external']),
    version: { type: 'integer', minimum: 1 },
    createdAt: instant,
    updatedAt: instant,
  },
  ['supersedes', 'supersededBy'],
  'RegistryEntry',
);

export const patientEntries = itemsOf('PatientRegistryEntries', entrySchema);

export const accessLogPage = pageOf(
  'RegistryAccessLogPage',
  objectOf({ id: text, nhsNumber: text, searcher: objectOf({ organisation: text, organisationType: text, user: text, role: text }), purpose: text, outcome: objectOf({ kind: oneOf(['found', 'refused', 'invalid', 'failed']), count: { type: 'integer', minimum: 0 }, status: { type: 'integer' } }, ['count', 'status']), at: instant }),
);

export const changesPage = pageOf(
  'RegistryChangesPage',
  objectOf({ change: oneOf(['created', 'updated', 'cancelled', 'expired', 'entered-in-error']), entry: { type: 'object' }, occurredAt: instant, position: text }),
  true,
);
