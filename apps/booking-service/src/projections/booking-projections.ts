import type { ProjectionFactory } from '@app/service-kit';
import { AppointmentViewProjection, appointmentViews } from './appointment-view.projection';
import { BookingDeadlinesProjection, bookingDeadlines } from './booking-deadlines.projection';
import { RescheduleAttemptProjection, rescheduleAttemptViews } from './reschedule-attempt.projection';

/** The booking-service's read models. */
export const bookingProjections = (): ProjectionFactory[] => [
  (documents) => new AppointmentViewProjection(appointmentViews(documents)),
  (documents) => new RescheduleAttemptProjection(rescheduleAttemptViews(documents)),
  (documents) => new BookingDeadlinesProjection(bookingDeadlines(documents)),
];
