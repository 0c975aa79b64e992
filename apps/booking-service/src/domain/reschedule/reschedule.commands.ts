import type { SlotDetails } from '../slot-details';
import type { BookingStatus } from '../booking.state';
import type { RescheduleRequest } from './reschedule.events';

/** The appointment as it stands when the reschedule is asked for (read from its stream just before). */
export interface BookingSnapshot {
  status?: BookingStatus;
  start?: string;
}

export interface RequestReschedule {
  type: 'RequestReschedule';
  request: RescheduleRequest;
  booking: BookingSnapshot;
  at: Date;
  deadline: Date;
}

export interface RecordRescheduleReservation {
  type: 'RecordRescheduleReservation';
  rescheduleId: string;
  slot: SlotDetails;
}

export interface RefuseReschedule {
  type: 'RefuseReschedule';
  rescheduleId: string;
  reason: string;
}

export interface TimeOutReschedule {
  type: 'TimeOutReschedule';
  rescheduleId: string;
  at: Date;
}

/** After the booking stream answered ApplyReschedule: moved (complete) or not (abandon, releasing the new place). */
export interface CompleteReschedule {
  type: 'CompleteReschedule';
  rescheduleId: string;
}

export interface AbandonReschedule {
  type: 'AbandonReschedule';
  rescheduleId: string;
  reason: string;
}

export type RescheduleCommand =
  | RequestReschedule
  | RecordRescheduleReservation
  | RefuseReschedule
  | TimeOutReschedule
  | CompleteReschedule
  | AbandonReschedule;
