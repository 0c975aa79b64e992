import { DynamicModule, Module } from '@nestjs/common';
import { serviceModule } from '@app/service-kit';
import { BookingApplication } from './application/booking.application';
import { AppointmentChangesController } from './http/appointment-changes.controller';
import { AppointmentsController } from './http/appointments.controller';

@Module({})
export class BookingServiceModule {
  static register(application: BookingApplication): DynamicModule {
    return serviceModule(BookingServiceModule, application, [AppointmentsController, AppointmentChangesController]);
  }
}
