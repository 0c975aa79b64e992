import type { SlotDetails, SlotReleaseReason } from './slot-events';

/** booking.events.v1, keyed by bookingId: one booking's story, reservations and releases included, stays in order. */
export interface Requester {
  organisation: string;
  organisationType: string;
  federations: string[];
}

export type NotificationChannel = 'sms' | 'email' | 'letter';
export type MessageFormat = 'standard' | 'large-print' | 'easy-read' | 'braille' | 'audio';

/** A UK postal address as a letter needs it: up to six lines, then the postcode. */
export interface PostalAddressV1 {
  /**
   * @minItems 1
   * @maxItems 6
   */
  lines: string[];
  /** @pattern ^[A-Za-z]{1,2}\d[A-Za-z\d]? ?\d[A-Za-z]{2}$ */
  postcode: string;
}

/** Where a person can be reached; each one optional. */
export interface ContactDetailsV1 {
  /**
   * @maxLength 254
   * @pattern ^[^\s@]+@[^\s@]+\.[^\s@]+$
   */
  email?: string;
  /**
   * A UK mobile number (E.164 or national form) for SMS, without spaces.
   * @pattern ^(\+447\d{9}|07\d{9})$
   */
  phone?: string;
  address?: PostalAddressV1;
}

/** The patient's contact details and how they want to hear from us. */
export interface PatientContactV1 extends ContactDetailsV1 {
  /** `none`: no messages. Absent: the first of sms, email, letter that the details allow. */
  preferredChannel?: NotificationChannel | 'none';
  /**
   * A language tag (`en`, `cy`, …); default `en`.
   * @pattern ^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$
   */
  language?: string;
  /** Default `standard`; the others go by letter with the format marked. */
  format?: MessageFormat;
}

export type SupporterRole = 'carer' | 'interpreter' | 'advocate' | 'proxy';

/** Someone who supports the patient; a carer or proxy with contact details gets a copy of every message. */
export interface SupporterV1 {
  name: string;
  relationship?: string;
  role: SupporterRole;
  contact?: ContactDetailsV1 & { preferredChannel?: NotificationChannel };
}

export interface PatientV1 {
  /**
   * Ten digits, the last a modulus-11 check digit.
   * @pattern ^[0-9]{10}$
   */
  nhsNumber: string;
  name?: string;
  /**
   * A calendar date, YYYY-MM-DD.
   * @format date
   */
  dateOfBirth?: string;
  contact?: PatientContactV1;
}

/** What the slot-service needs to reserve a place; carried by BookingRequested and BookingRescheduleRequested. */
export interface ReservationRequestV1 {
  bookingId: string;
  /** Names this one attempt at a place; the outcome (SlotReserved / SlotReservationRejected) carries it back. */
  reservationId: string;
  slotId: string;
  holdId?: string;
  requester: Requester;
}

/** A booking was asked for; the slot-service answers with SlotReserved or SlotReservationRejected. */
export interface BookingRequestedV1 extends ReservationRequestV1 {
  /** Set on a rebook after reassessment: the appointment this one replaces once it is booked. */
  supersedes?: string;
}

/** The whole booking, so subscribers (registry, notifications, hubs) need nothing else. */
export interface BookingConfirmedV1 extends SlotDetails {
  bookingId: string;
  reservationId: string;
  patient: PatientV1;
  description: string;
  comment?: string;
  reasonableAdjustments?: string[];
  supporter?: SupporterV1;
  bookedBy: Requester;
  supersedes?: string;
}

export interface BookingRejectedV1 {
  bookingId: string;
  reservationId: string;
  slotId: string;
  /** A SlotReservationRejectionReason, or `timeout` when no answer came before the booking's deadline. */
  reason: string;
}

export type AmendableField = 'description' | 'comment' | 'reasonableAdjustments' | 'patientContact' | 'supporter';

/** Details, the patient's contact or the supporter changed: the whole new values, and which of them changed. */
export interface BookingAmendedV1 {
  bookingId: string;
  description: string;
  comment?: string;
  reasonableAdjustments?: string[];
  patientContact?: PatientContactV1;
  supporter?: SupporterV1;
  changed: AmendableField[];
}

/** A booked appointment asks for a place in another slot; its current place is kept until the new one is reserved. */
export type BookingRescheduleRequestedV1 = ReservationRequestV1;

/** The appointment moved: the new place is reserved; the previous one is released after this. */
export interface BookingRescheduledV1 extends SlotDetails {
  bookingId: string;
  reservationId: string;
  previous: SlotDetails & { reservationId: string };
}

/** The appointment could not move (the new slot refused, or no answer in time); it keeps its slot. */
export interface BookingRescheduleRejectedV1 {
  bookingId: string;
  reservationId: string;
  slotId: string;
  reason: string;
}

export interface BookingCancelledV1 {
  bookingId: string;
  slotId: string;
  reason: string;
  /** Set when a rebook after reassessment replaced this appointment (reason `superseded`). */
  supersededBy?: string;
}

export type AttendanceStatus = 'arrived' | 'attended' | 'did-not-attend';

export interface BookingAttendanceRecordedV1 {
  bookingId: string;
  status: AttendanceStatus;
  reason?: string;
}

/** The slot-service should give a reserved place back (a cancellation, a move, or a reservation that came too late). */
export interface SlotReleaseRequestedV1 {
  bookingId: string;
  reservationId: string;
  slotId: string;
  reason: SlotReleaseReason;
}

export const BookingEventTypes = {
  requested: 'BookingRequested',
  confirmed: 'BookingConfirmed',
  rejected: 'BookingRejected',
  amended: 'BookingAmended',
  rescheduleRequested: 'BookingRescheduleRequested',
  rescheduled: 'BookingRescheduled',
  rescheduleRejected: 'BookingRescheduleRejected',
  cancelled: 'BookingCancelled',
  attendanceRecorded: 'BookingAttendanceRecorded',
  slotReleaseRequested: 'SlotReleaseRequested',
} as const;
