import { runDistributedService } from '@app/service-kit';
import { BookingApplication } from './application/booking.application';
import { BookingServiceModule } from './booking-service.module';

runDistributedService('booking-service', 3002, (infra, config) => {
  const application = new BookingApplication(infra, { confirmTimeoutMs: config.BOOKING_CONFIRM_TIMEOUT_MS, deadlineMs: config.BOOKING_DEADLINE_MS });
  return { module: BookingServiceModule.register(application), health: () => application.runtime.health() };
});
