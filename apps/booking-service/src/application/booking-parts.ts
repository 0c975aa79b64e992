import type { CommandHandler, UpcastingEventStore } from '@app/eventstore';
import type { Collection } from '@app/readmodel';
import type { ProjectionRunner } from '@app/service-kit';
import type { BookingCommand } from '../domain/booking.commands';
import type { BookingEvent } from '../domain/booking.events';
import type { BookingState } from '../domain/booking.state';
import type { RescheduleCommand } from '../domain/reschedule/reschedule.commands';
import type { RescheduleEvent } from '../domain/reschedule/reschedule.events';
import type { RescheduleState } from '../domain/reschedule/reschedule.state';
import type { AppointmentView } from '../projections/appointment-view';
import type { RescheduleAttemptView } from '../projections/reschedule-attempt.projection';

export interface BookingOptions {
  /** How long a write waits for the saga's answer or the read model before answering 202 (BOOKING_CONFIRM_TIMEOUT_MS). */
  confirmTimeoutMs: number;
  /** A booking or reschedule still unanswered after this is rejected with reason `timeout` (BOOKING_DEADLINE_MS). */
  deadlineMs: number;
  /** How often due deadlines are looked for. */
  deadlinePollMs?: number;
}

/** What every booking use case works with: the two kinds of stream, the read models, and the settings. */
export interface BookingParts {
  /** Events upcast to their current versions; `store.raw` as stored (the history shows them so). */
  store: UpcastingEventStore;
  bookings: CommandHandler<BookingCommand, BookingEvent, BookingState>;
  reschedules: CommandHandler<RescheduleCommand, RescheduleEvent, RescheduleState>;
  appointments: Collection<AppointmentView>;
  attempts: Collection<RescheduleAttemptView>;
  projections: ProjectionRunner;
  options: BookingOptions;
}
