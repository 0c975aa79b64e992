import type { PatientContact, Supporter } from './contact-details';

export type AttendanceStatus = 'arrived' | 'attended' | 'did-not-attend';
export type AppointmentStatus = 'booked' | 'cancelled' | AttendanceStatus;

/** Who booked: an organisation, its type and federations. */
export interface Requester {
  organisation: string;
  organisationType: string;
  federations: string[];
}

/** Where and when the appointment is, and who hosts it, as the booking tells it. */
export interface AppointmentPlace {
  start: string;
  end: string;
  serviceType: string;
  deliveryChannel: string;
  /** ODS code of the host. */
  organisation: string;
  organisationName?: string;
  location?: string;
  /** The host's federations. */
  federations?: string[];
}

/** A confirmed booking, as far as notifications need it (application/ maps BookingConfirmed into it). */
export interface ConfirmedBooking extends AppointmentPlace {
  bookingId: string;
  patient: { nhsNumber: string; name?: string; contact?: PatientContact };
  supporter?: Supporter;
  description: string;
  comment?: string;
  reasonableAdjustments?: string[];
  bookedBy: Requester;
  supersedes?: string;
}

export type AmendableField = 'description' | 'comment' | 'reasonableAdjustments' | 'patientContact' | 'supporter';

/** The whole new values of an amendment and which of them changed (absent: published before `changed` existed). */
export interface BookingAmendment {
  description: string;
  comment?: string;
  reasonableAdjustments?: string[];
  patientContact?: PatientContact;
  supporter?: Supporter;
  changed?: AmendableField[];
}

export interface BookingCancellation {
  reason: string;
  /** The appointment that replaced this one (a rebook). */
  supersededBy?: string;
}

/** What the notification-service knows of one appointment: enough to word messages, route them and decide who may read them. */
export interface Appointment extends Omit<AppointmentPlace, 'federations'> {
  appointmentId: string;
  status: AppointmentStatus;
  /** The host's federations. */
  hostFederations?: string[];
  nhsNumber: string;
  patientName?: string;
  contact?: PatientContact;
  supporter?: Supporter;
  description: string;
  comment?: string;
  reasonableAdjustments?: string[];
  bookedBy: Requester;
  supersedes?: string;
  cancellation?: { reason: string; supersededBy?: string };
}

const place = (slot: AppointmentPlace) => ({
  start: slot.start,
  end: slot.end,
  serviceType: slot.serviceType,
  deliveryChannel: slot.deliveryChannel,
  organisation: slot.organisation,
  organisationName: slot.organisationName,
  location: slot.location,
  hostFederations: slot.federations,
});

export const confirmedAppointment = (booking: ConfirmedBooking): Appointment => ({
  appointmentId: booking.bookingId,
  status: 'booked',
  ...place(booking),
  nhsNumber: booking.patient.nhsNumber,
  patientName: booking.patient.name,
  contact: booking.patient.contact,
  supporter: booking.supporter,
  description: booking.description,
  comment: booking.comment,
  reasonableAdjustments: booking.reasonableAdjustments,
  bookedBy: booking.bookedBy,
  supersedes: booking.supersedes,
});

/**
 * What an amendment changed. Amendments published before `changed` existed could change only the details.
 */
export const amendedFields = (amendment: BookingAmendment): AmendableField[] => amendment.changed ?? ['description', 'comment', 'reasonableAdjustments'];

/** The amendment carries the whole new values: a contact or supporter it changed but does not carry was removed. */
export const amendedAppointment = (appointment: Appointment, amendment: BookingAmendment): Appointment => ({
  ...appointment,
  description: amendment.description,
  comment: amendment.comment,
  reasonableAdjustments: amendment.reasonableAdjustments,
  contact: amendedFields(amendment).includes('patientContact') ? amendment.patientContact : appointment.contact,
  supporter: amendedFields(amendment).includes('supporter') ? amendment.supporter : appointment.supporter,
});

export const rescheduledAppointment = (appointment: Appointment, reschedule: AppointmentPlace): Appointment => ({ ...appointment, ...place(reschedule) });

export const cancelledAppointment = (appointment: Appointment, cancellation: BookingCancellation): Appointment => ({
  ...appointment,
  status: 'cancelled',
  cancellation: { reason: cancellation.reason, supersededBy: cancellation.supersededBy },
});
