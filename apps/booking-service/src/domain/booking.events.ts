import type { DomainEvent } from '@app/eventstore/decider';
import type { AttendanceStatus } from './attendance';
import type { PatientContact, Supporter } from './contact-details';
import type { Requester } from './requester';
import type { SlotDetails } from './slot-details';

export interface Patient {
  nhsNumber: string;
  name?: string;
  /** A calendar date, YYYY-MM-DD. */
  dateOfBirth?: string;
  /** How the patient wants to hear about the appointment; amendable. */
  contact?: PatientContact;
}

/** What a booker writes about the appointment; the only fields an amendment may change. */
export interface AppointmentDetails {
  description: string;
  comment?: string;
  reasonableAdjustments?: string[];
}

/** A request for an appointment, as the booker made it: compared as a whole when the request is repeated. */
export interface BookingRequest extends AppointmentDetails {
  bookingId: string;
  /** Names this booking's own reservation; a reschedule reserves under its own id. */
  reservationId: string;
  slotId: string;
  holdId?: string;
  patient: Patient;
  supporter?: Supporter;
  bookedBy: Requester;
  /** Rebook after reassessment: the appointment this one replaces once it is booked, and why. */
  supersedes?: string;
  rebookReason?: string;
}

/** The place an appointment holds: the slot's details and the reservation that took it. */
export type Place = SlotDetails & { reservationId: string };

/** The request, and the instant after which an unanswered request is rejected (`timeout`). */
export type BookingRequested = DomainEvent<'BookingRequested', BookingRequest & { deadline: string }>;
/** Carries the whole appointment (the patient's contact and the supporter as they are now), so the event tells the booking on its own. */
export type BookingConfirmed = DomainEvent<
  'BookingConfirmed',
  Place & AppointmentDetails & Pick<BookingRequest, 'bookingId' | 'patient' | 'supporter' | 'bookedBy' | 'supersedes'>
>;
export type BookingRejected = DomainEvent<'BookingRejected', { bookingId: string; reservationId: string; slotId: string; reason: string }>;
/** What an amendment may change: the booker's text, the patient's contact and the supporter. */
export type AmendableField = 'description' | 'comment' | 'reasonableAdjustments' | 'patientContact' | 'supporter';
export interface AmendableValues extends AppointmentDetails {
  patientContact?: PatientContact;
  supporter?: Supporter;
}
/**
 * The whole new values, and which of them `changed` (v2; v1 stored before contacts were amendable had no
 * `changed` and changed the text only). A field not named in `changed` is as it was.
 */
export type BookingAmended = DomainEvent<'BookingAmended', AmendableValues & { bookingId: string; changed: AmendableField[] }>;
/** Moved to a place already reserved; the previous place is to be released (v2; v1 had the new place's fields flat). */
export type BookingRescheduled = DomainEvent<'BookingRescheduled', { bookingId: string; place: Place; previous: Place }>;
export type BookingCancelled = DomainEvent<
  'BookingCancelled',
  { bookingId: string; reservationId: string; slotId: string; reason: string; supersededBy?: string }
>;
export type BookingAttendanceRecorded = DomainEvent<'BookingAttendanceRecorded', { bookingId: string; status: AttendanceStatus; reason?: string }>;

export type BookingEvent =
  | BookingRequested
  | BookingConfirmed
  | BookingRejected
  | BookingAmended
  | BookingRescheduled
  | BookingCancelled
  | BookingAttendanceRecorded;
