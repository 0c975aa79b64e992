import type { SlotDetails, SlotReleaseReason } from './slot-events';

/** booking.events.v1, keyed by bookingId: one booking's story, reservations and releases included, stays in order. */
export interface Requester {
  organisation: string;
  organisationType: string;
  federations: string[];
}

export interface PatientV1 {
  nhsNumber: string;
  name?: string;
  /** A calendar date, YYYY-MM-DD. */
  dateOfBirth?: string;
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

/** Description, comment or reasonable adjustments changed (the whole new values). */
export interface BookingAmendedV1 {
  bookingId: string;
  description: string;
  comment?: string;
  reasonableAdjustments?: string[];
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
