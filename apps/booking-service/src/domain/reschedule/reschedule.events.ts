import type { DomainEvent } from '@app/eventstore/decider';
import type { Requester } from '../requester';
import type { SlotDetails } from '../slot-details';

/** One attempt to move an appointment: its id is also the reservationId of the place it asks for. */
export interface RescheduleRequest {
  bookingId: string;
  rescheduleId: string;
  slotId: string;
  holdId?: string;
  requester: Requester;
}

interface AttemptRef {
  bookingId: string;
  rescheduleId: string;
  slotId: string;
}

/** Asked for a place in another slot; unanswered by `deadline`, the attempt times out. */
export type RescheduleRequested = DomainEvent<'RescheduleRequested', RescheduleRequest & { deadline: string }>;
/** The new place is reserved; the appointment is moved next. */
export type RescheduleReserved = DomainEvent<'RescheduleReserved', AttemptRef & { slot: SlotDetails }>;
/** The appointment moved: the attempt is done. */
export type RescheduleCompleted = DomainEvent<'RescheduleCompleted', AttemptRef>;
/** The slot-service refused the new place; the appointment keeps its slot. */
export type RescheduleRefused = DomainEvent<'RescheduleRefused', AttemptRef & { reason: string }>;
/** No answer by the deadline: the appointment keeps its slot; a place reserved later is released. */
export type RescheduleTimedOut = DomainEvent<'RescheduleTimedOut', AttemptRef>;
/** The new place was reserved but the appointment could no longer move (cancelled meanwhile): the place is released. */
export type RescheduleAbandoned = DomainEvent<'RescheduleAbandoned', AttemptRef & { reason: string }>;

export type RescheduleEvent =
  | RescheduleRequested
  | RescheduleReserved
  | RescheduleCompleted
  | RescheduleRefused
  | RescheduleTimedOut
  | RescheduleAbandoned;
