export { BookingApplication } from './application/booking.application';
export { BookingServiceModule } from './booking-service.module';
export { bookingEventTypes } from './domain/booking-event-types';
