import type { AttendanceStatus } from './attendance';
import type { SlotDetails } from './slot-details';
import type { BookingStatus } from './booking.state';
import type { BookingRequest } from './booking.events';
import type { PatientContact, Supporter } from './contact-details';

/** What a rebook needs to know of the appointment it replaces, read just before the request. */
export interface ReplacedBooking {
  bookingId: string;
  status?: BookingStatus;
  start?: string;
}

/** Step 1 of the saga: the booking waits (pending) for the slot-service until `deadline`. */
export interface RequestBooking {
  type: 'RequestBooking';
  request: BookingRequest;
  at: Date;
  deadline: Date;
  /** Set on a rebook: the appointment named by `request.supersedes`. */
  replacing?: ReplacedBooking;
}

export interface ConfirmBooking {
  type: 'ConfirmBooking';
  reservationId: string;
  slot: SlotDetails;
}

export interface RejectBooking {
  type: 'RejectBooking';
  reservationId: string;
  reason: string;
}

/** Fired by the booking's deadline: a booking still pending then is rejected with reason `timeout`. */
export interface TimeOutBooking {
  type: 'TimeOutBooking';
  at: Date;
}

/** Only these fields change; `null` removes an optional one, a missing field stays as it is. */
export interface AmendBooking {
  type: 'AmendBooking';
  changes: {
    description?: string;
    comment?: string | null;
    reasonableAdjustments?: string[] | null;
    /** Replaces the patient's contact as a whole; null removes it. */
    patientContact?: PatientContact | null;
    /** Replaces the supporter as a whole; null removes them. */
    supporter?: Supporter | null;
  };
  at: Date;
}

export interface CancelBooking {
  type: 'CancelBooking';
  reason: string;
  at: Date;
}

/** A rebook's new appointment is booked: the one it replaces is cancelled, pointing at it. */
export interface SupersedeBooking {
  type: 'SupersedeBooking';
  supersededBy: string;
}

export interface RecordAttendance {
  type: 'RecordAttendance';
  status: AttendanceStatus;
  reason?: string;
  at: Date;
}

/** A reschedule attempt reserved its new place: the appointment moves there. */
export interface ApplyReschedule {
  type: 'ApplyReschedule';
  reservationId: string;
  slot: SlotDetails;
}

export type BookingCommand =
  | RequestBooking
  | ConfirmBooking
  | RejectBooking
  | TimeOutBooking
  | AmendBooking
  | CancelBooking
  | SupersedeBooking
  | RecordAttendance
  | ApplyReschedule;
