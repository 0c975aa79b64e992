import type { AppointmentPlace, AttendanceStatus, BookingAmendment, BookingCancellation, ConfirmedBooking } from './appointment';
import type { NotificationSettings, RetryPolicy } from './notification';

/** A booking change, with the id of the booking event that told it (message ids derive from it). */
interface BookingChange {
  cause: string;
  now: Date;
  settings: NotificationSettings;
}

export interface NoteBookingConfirmed extends BookingChange {
  type: 'NoteBookingConfirmed';
  booking: ConfirmedBooking;
}
export interface NoteBookingAmended extends BookingChange {
  type: 'NoteBookingAmended';
  amendment: BookingAmendment;
}
export interface NoteBookingRescheduled extends BookingChange {
  type: 'NoteBookingRescheduled';
  reschedule: AppointmentPlace;
}
export interface NoteBookingCancelled extends BookingChange {
  type: 'NoteBookingCancelled';
  cancellation: BookingCancellation;
}
export interface NoteAttendance extends BookingChange {
  type: 'NoteAttendance';
  status: AttendanceStatus;
}

/** A due reminder whose appointment has started (the service was down at its time) is not sent late. */
export interface DropStartedReminder {
  type: 'DropStartedReminder';
  notificationId: string;
  now: Date;
}

export type DeliveryOutcome =
  | { outcome: 'sent'; providerId?: string }
  /** Refused for good (4xx, no template): failed at once. */
  | { outcome: 'refused'; reason: string }
  /** Not taken now (5xx, network): retried with backoff. */
  | { outcome: 'unavailable'; reason: string };

/** The outcome of delivery attempt number `attempt` (0-based: the attempts already failed before it). */
export interface RecordDelivery {
  type: 'RecordDelivery';
  notificationId: string;
  attempt: number;
  result: DeliveryOutcome;
  now: Date;
  retry: RetryPolicy;
}

/** What the provider finally said of a message it took: its delivery receipt. */
export type ReceiptOutcome = { outcome: 'delivered' } | { outcome: 'failed'; reason: string };

export interface RecordReceipt {
  type: 'RecordReceipt';
  notificationId: string;
  receipt: ReceiptOutcome;
  now: Date;
}

export type NotificationCommand =
  | NoteBookingConfirmed
  | NoteBookingAmended
  | NoteBookingRescheduled
  | NoteBookingCancelled
  | NoteAttendance
  | DropStartedReminder
  | RecordDelivery
  | RecordReceipt;
