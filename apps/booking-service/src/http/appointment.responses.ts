import { count, instant, itemsOf, objectOf, oneOf, pageOf, schemaRef, text, texts } from '@app/service-kit';
import { supporterRoles } from '../domain/contact-details';

const statuses = ['pending', 'booked', 'rejected', 'cancelled', 'arrived', 'attended', 'did-not-attend'];

/** An appointment as `present` shows it: the booker without its federations, the host without its. */
export const appointmentSchema = objectOf(
  {
    id: text,
    status: oneOf(statuses),
    slotId: text,
    start: instant,
    end: instant,
    organisation: text,
    organisationName: text,
    location: text,
    practitionerRole: text,
    serviceType: text,
    deliveryChannel: text,
    patient: objectOf({ nhsNumber: text, name: text, dateOfBirth: { type: 'string', format: 'date' }, contact: schemaRef('PatientContactDto') }, ['name', 'dateOfBirth', 'contact']),
    supporter: objectOf({ name: text, relationship: text, role: oneOf(supporterRoles), contact: schemaRef('SupporterContactDto') }, ['relationship', 'contact']),
    description: text,
    comment: text,
    reasonableAdjustments: texts,
    bookedBy: objectOf({ organisation: text, organisationType: text }),
    supersedes: text,
    rebookReason: text,
    supersededBy: text,
    rejectionReason: text,
    cancellationReason: text,
    attendanceReason: text,
    version: { type: 'integer', minimum: 1, description: 'The ETag’s number: events in the appointment’s stream.' },
    createdAt: instant,
    updatedAt: instant,
  },
  [
    'start',
    'end',
    'organisation',
    'organisationName',
    'location',
    'practitionerRole',
    'serviceType',
    'deliveryChannel',
    'supporter',
    'comment',
    'reasonableAdjustments',
    'supersedes',
    'rebookReason',
    'supersededBy',
    'rejectionReason',
    'cancellationReason',
    'attendanceReason',
  ],
  'Appointment',
);

/** A write stored but not yet readable (or still pending): poll `location`. */
export const writeAccepted = objectOf({ id: text, status: oneOf(['accepted']), location: text }, [], 'WriteAccepted');

export const pendingOrAccepted = { anyOf: [appointmentSchema, writeAccepted] };

export const appointmentPage = pageOf('AppointmentPage', appointmentSchema);

export const appointmentHistory = itemsOf(
  'AppointmentHistory',
  objectOf(
    {
      type: text,
      version: count,
      occurredAt: instant,
      actor: objectOf({ sub: text, org: text, orgType: text, role: text }),
      reason: text,
      correlationId: text,
      causationId: text,
      data: { description: 'The event’s data as it was stored.' },
    },
    ['reason'],
  ),
);

export const rescheduleAttempt = objectOf(
  {
    id: text,
    bookingId: text,
    slotId: text,
    status: oneOf(['requested', 'reserved', 'completed', 'refused', 'timed-out', 'abandoned']),
    reason: text,
    requestedAt: instant,
    updatedAt: instant,
  },
  ['reason'],
  'RescheduleAttempt',
);
