import type { Requester } from '@app/contracts';
import { RecordedEvent, toDomainEvent } from '@app/eventstore';
import type { BookingEvent, Patient } from '../domain/booking.events';
import type { Supporter } from '../domain/contact-details';
import type { BookingStatus } from '../domain/booking.state';

/** The appointment as clients read it, and as the read model keeps it. */
export interface AppointmentView {
  id: string;
  status: BookingStatus;
  slotId: string;
  start?: string;
  end?: string;
  /** The hosting organisation, once booked. */
  organisation?: string;
  /** The host's name as its slot gives it. */
  organisationName?: string;
  hostFederations?: string[];
  location?: string;
  practitionerRole?: string;
  serviceType?: string;
  deliveryChannel?: string;
  /** With `contact` when given: how the patient wants to hear about the appointment. */
  patient: Patient;
  supporter?: Supporter;
  description: string;
  comment?: string;
  reasonableAdjustments?: string[];
  bookedBy: Requester;
  /** Rebook: the appointment this one replaces, and the reason given. */
  supersedes?: string;
  rebookReason?: string;
  /** The appointment that replaced this one (status cancelled, reason superseded). */
  supersededBy?: string;
  rejectionReason?: string;
  cancellationReason?: string;
  attendanceReason?: string;
  /** Events in the booking's stream: the version clients send back in If-Match. */
  version: number;
  createdAt: string;
  updatedAt: string;
}

const bookingEventTypes = new Set<string>([
  'BookingRequested',
  'BookingConfirmed',
  'BookingRejected',
  'BookingAmended',
  'BookingRescheduled',
  'BookingCancelled',
  'BookingAttendanceRecorded',
]);

export const isBookingEvent = (recorded: RecordedEvent): boolean => bookingEventTypes.has(recorded.type);

/**
 * Drops fields that are absent, at any depth (as JSON would), so a folded view and a stored one compare equal.
 * What has none to drop is kept as it is, not copied: a replay folds millions of events through here.
 */
const compact = <T>(value: T): T => {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.some((item) => item === undefined || compact(item) !== item) ? (value.map((item) => (item === undefined ? null : compact(item))) as T) : value;
  const fields = value as Record<string, unknown>;
  for (const key in fields) {
    const item = fields[key];
    if (item === undefined || compact(item) !== item) return withoutAbsent(fields) as T;
  }
  return value;
};

const withoutAbsent = (fields: Record<string, unknown>): Record<string, unknown> => {
  const present: Record<string, unknown> = {};
  for (const key in fields) if (fields[key] !== undefined) present[key] = compact(fields[key]);
  return present;
};

/**
 * `compact({ ...parts[0], ...parts[1], … })` built in one pass, one object: a replay folds millions of events
 * through here, and V8 copies every spread after the first of an object literal slowly. A field a later part
 * removes (sets to undefined) takes the slow way.
 */
function merged(...parts: object[]): AppointmentView {
  const view: Record<string, unknown> = {};
  for (const part of parts as Record<string, unknown>[]) {
    for (const key in part) {
      const value = part[key];
      if (value !== undefined) view[key] = compact(value);
      else if (key in view) return compact(Object.assign({}, ...parts) as AppointmentView);
    }
  }
  return view as unknown as AppointmentView;
}

/**
 * The appointment after one more event of its stream. The only way a view is built: the projection applies it
 * event by event, `GET ?asOf=` folds the stream up to an instant with it.
 */
export function appointmentAfter(view: AppointmentView | undefined, recorded: RecordedEvent): AppointmentView | undefined {
  const event = toDomainEvent<BookingEvent>(recorded);
  const stamp = { version: recorded.streamPosition + 1, updatedAt: recorded.occurredAt };
  if (event.type === 'BookingRequested') {
    const { bookingId, reservationId: _r, holdId: _h, deadline: _d, ...request } = event.data;
    return merged({ id: bookingId, status: 'pending' }, request, { createdAt: recorded.occurredAt }, stamp);
  }
  if (!view) return undefined;
  switch (event.type) {
    case 'BookingConfirmed': {
      const { organisation, organisationName, federations, location, practitionerRole, serviceType, deliveryChannel, start, end } = event.data;
      const { description, comment, reasonableAdjustments, patient, supporter } = event.data;
      const place = { organisation, organisationName, hostFederations: federations, location, practitionerRole, serviceType, deliveryChannel, start, end };
      return merged(view, { status: 'booked' }, place, { description, comment, reasonableAdjustments, patient, supporter }, stamp);
    }
    case 'BookingRejected':
      return merged(view, { status: 'rejected', rejectionReason: event.data.reason }, stamp);
    case 'BookingAmended': {
      const { description, comment, reasonableAdjustments, patientContact, supporter, changed } = event.data;
      const { comment: _c, reasonableAdjustments: _a, ...rest } = view;
      const text = merged({ description, comment, reasonableAdjustments }, stamp);
      const { contact: _contact, ...patient } = rest.patient;
      return merged(
        rest,
        text,
        changed.includes('patientContact') ? { patient: patientContact ? { ...patient, contact: patientContact } : patient } : {},
        changed.includes('supporter') ? { supporter } : {},
      );
    }
    case 'BookingRescheduled': {
      const { slotId, organisation, organisationName, federations, location, practitionerRole, serviceType, deliveryChannel, start, end } = event.data.place;
      const { location: _l, practitionerRole: _p, hostFederations: _f, organisationName: _n, ...rest } = view;
      const place = { slotId, organisation, organisationName, hostFederations: federations, location, practitionerRole, serviceType, deliveryChannel, start, end };
      return merged(rest, place, stamp);
    }
    case 'BookingCancelled':
      return merged(view, { status: 'cancelled', cancellationReason: event.data.reason, supersededBy: event.data.supersededBy }, stamp);
    case 'BookingAttendanceRecorded':
      return merged(view, { status: event.data.status, attendanceReason: event.data.reason }, stamp);
  }
}

/** The appointment after all these events (those of its booking stream, in order). */
export const foldAppointment = (events: RecordedEvent[]): AppointmentView | undefined =>
  events.filter(isBookingEvent).reduce<AppointmentView | undefined>(appointmentAfter, undefined);
