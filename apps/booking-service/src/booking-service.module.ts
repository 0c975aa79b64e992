import { DynamicModule, Module } from '@nestjs/common';
import { serviceModule } from '@app/service-kit';
import { BookingApplication } from './application/booking.application';
import { AppointmentsController, BOOKING_CONFIRM_TIMEOUT_MS } from './http/appointments.controller';

@Module({})
export class BookingServiceModule {
  static register(application: BookingApplication, options: { confirmTimeoutMs: number }): DynamicModule {
    return serviceModule(BookingServiceModule, application, [AppointmentsController], [
      { provide: BOOKING_CONFIRM_TIMEOUT_MS, useValue: options.confirmTimeoutMs },
    ]);
  }
}
