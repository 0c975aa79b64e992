import { Actor, SlotEventTypes, Topics } from '@app/contracts';
import { CommandHandler } from '@app/eventstore';
import { DeadlineScheduler, RequestMeta, ServiceInfra, ServiceRuntime, withEventTypes } from '@app/service-kit';
import { bookingEventTypes } from '../domain/booking-event-types';
import type { AmendBooking } from '../domain/booking.commands';
import { bookingDecider } from '../domain/booking.decider';
import { rescheduleDecider } from '../domain/reschedule/reschedule.decider';
import { appointmentViews } from '../projections/appointment-view.projection';
import { bookingDeadlines } from '../projections/booking-deadlines.projection';
import { bookingProjections } from '../projections/booking-projections';
import { rescheduleAttemptViews } from '../projections/reschedule-attempt.projection';
import { amendAppointment } from './amend-appointment';
import { appointmentHistory } from './appointment-history';
import { BookAppointment, bookAppointment } from './book-appointment';
import type { BookingOptions, BookingParts } from './booking-parts';
import { bookingIntegrationEvents } from './booking.integration';
import { cancelAppointment } from './cancel-appointment';
import { fireDeadline } from './fire-deadline';
import { ListAppointments, listAppointments } from './list-appointments';
import { getAppointment, getAppointmentAsOf } from './read-appointment';
import { RebookAppointment, rebookAppointment } from './rebook-appointment';
import { Attendance, recordAttendance } from './record-attendance';
import { RescheduleAppointment, getRescheduleAttempt, rescheduleAppointment } from './reschedule-appointment';
import { settleReservation } from './settle-reservation';
import { bookingAppointmentIds } from './booking-timeline';

/**
 * The booking-service: its streams (bookings and their reschedule processes), read models, saga steps and
 * deadlines, and one method per use case (each in its own file).
 */
export class BookingApplication {
  readonly runtime: ServiceRuntime;
  readonly options: BookingOptions;
  private readonly parts: BookingParts;

  constructor(adapters: ServiceInfra, options: Partial<BookingOptions> = {}) {
    const infra = withEventTypes(adapters, bookingEventTypes);
    this.options = { confirmTimeoutMs: options.confirmTimeoutMs ?? 5000, deadlineMs: options.deadlineMs ?? 30_000, deadlinePollMs: options.deadlinePollMs };
    const appointments = appointmentViews(infra.documents);
    const attempts = rescheduleAttemptViews(infra.documents);
    const deadlines = bookingDeadlines(infra.documents);
    const scheduler = new DeadlineScheduler('booking-deadlines', deadlines, (deadline, now) => fireDeadline(this.parts, deadline, now), {
      pollIntervalMs: this.options.deadlinePollMs,
    });
    this.runtime = new ServiceRuntime(infra, {
      projections: bookingProjections().map((build) => build(infra.documents)),
      appointmentIdsOf: bookingAppointmentIds,
      publish: bookingIntegrationEvents,
      consumers: [
        {
          name: 'slot-outcomes',
          topics: [Topics.slotEvents],
          types: [SlotEventTypes.reserved, SlotEventTypes.reservationRejected],
          handler: (message) => settleReservation(this.parts, message),
        },
      ],
      schedulers: [scheduler],
    });
    this.parts = {
      store: infra.store,
      bookings: new CommandHandler(infra.store, bookingDecider),
      reschedules: new CommandHandler(infra.store, rescheduleDecider),
      appointments,
      attempts,
      projections: this.runtime.projections,
      options: this.options,
    };
  }

  book = (input: BookAppointment, actor: Actor, meta: RequestMeta) => bookAppointment(this.parts, input, actor, meta);
  get = (id: string, actor: Actor) => getAppointment(this.parts, id, actor);
  getAsOf = (id: string, asOf: Date, actor: Actor) => getAppointmentAsOf(this.parts, id, asOf, actor);
  list = (query: ListAppointments, actor: Actor) => listAppointments(this.parts, query, actor);
  history = (id: string, actor: Actor) => appointmentHistory(this.parts, id, actor);
  amend = (id: string, changes: AmendBooking['changes'], ifMatch: string | undefined, actor: Actor, meta: RequestMeta) =>
    amendAppointment(this.parts, id, changes, ifMatch, actor, meta);
  cancel = (id: string, reason: string, actor: Actor, meta: RequestMeta) => cancelAppointment(this.parts, id, reason, actor, meta);
  reschedule = (id: string, input: RescheduleAppointment, actor: Actor, meta: RequestMeta) => rescheduleAppointment(this.parts, id, input, actor, meta);
  rescheduleAttempt = (id: string, rescheduleId: string, actor: Actor) => getRescheduleAttempt(this.parts, id, rescheduleId, actor);
  rebook = (id: string, input: RebookAppointment, actor: Actor, meta: RequestMeta) => rebookAppointment(this.parts, id, input, actor, meta);
  recordAttendance = (id: string, attendance: Attendance, actor: Actor, meta: RequestMeta) => recordAttendance(this.parts, id, attendance, actor, meta);
}
