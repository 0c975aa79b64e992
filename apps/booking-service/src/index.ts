export { BookingApplication } from './application/booking.application';
export { BookingServiceModule } from './booking-service.module';
