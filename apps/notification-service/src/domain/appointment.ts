import type {
  AmendableField,
  BookingAmendedV1,
  BookingCancelledV1,
  BookingConfirmedV1,
  BookingRescheduledV1,
  PatientContactV1,
  Requester,
  SlotDetails,
  SupporterV1,
} from '@app/contracts';

export type AppointmentStatus = 'booked' | 'cancelled' | 'arrived' | 'attended' | 'did-not-attend';

/** What the notification-service knows of one appointment: enough to word messages, route them and decide who may read them. */
export interface Appointment {
  appointmentId: string;
  status: AppointmentStatus;
  start: string;
  end: string;
  serviceType: string;
  deliveryChannel: string;
  /** ODS code of the host. */
  organisation: string;
  organisationName?: string;
  location?: string;
  hostFederations?: string[];
  nhsNumber: string;
  patientName?: string;
  contact?: PatientContactV1;
  supporter?: SupporterV1;
  description: string;
  comment?: string;
  reasonableAdjustments?: string[];
  bookedBy: Requester;
  supersedes?: string;
  cancellation?: { reason: string; supersededBy?: string };
}

const place = (slot: SlotDetails) => ({
  start: slot.start,
  end: slot.end,
  serviceType: slot.serviceType,
  deliveryChannel: slot.deliveryChannel,
  organisation: slot.organisation,
  organisationName: slot.organisationName,
  location: slot.location,
  hostFederations: slot.federations,
});

export const confirmedAppointment = (booking: BookingConfirmedV1): Appointment => ({
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
export const amendedFields = (amendment: BookingAmendedV1): AmendableField[] => amendment.changed ?? ['description', 'comment', 'reasonableAdjustments'];

/** The amendment carries the whole new values: a contact or supporter it changed but does not carry was removed. */
export const amendedAppointment = (appointment: Appointment, amendment: BookingAmendedV1): Appointment => ({
  ...appointment,
  description: amendment.description,
  comment: amendment.comment,
  reasonableAdjustments: amendment.reasonableAdjustments,
  contact: amendedFields(amendment).includes('patientContact') ? amendment.patientContact : appointment.contact,
  supporter: amendedFields(amendment).includes('supporter') ? amendment.supporter : appointment.supporter,
});

export const rescheduledAppointment = (appointment: Appointment, reschedule: BookingRescheduledV1): Appointment => ({ ...appointment, ...place(reschedule) });

export const cancelledAppointment = (appointment: Appointment, cancellation: BookingCancelledV1): Appointment => ({
  ...appointment,
  status: 'cancelled',
  cancellation: { reason: cancellation.reason, supersededBy: cancellation.supersededBy },
});
