import { DynamicModule, Module } from '@nestjs/common';
import { describeRules, serviceModule } from '@app/service-kit';
import { BookingApplication } from './application/booking.application';
import { AppointmentChangesController } from './http/appointment-changes.controller';
import { AppointmentsController } from './http/appointments.controller';
import { bookingRuleSchemas } from './http/booking.rule-schemas';

@Module({})
export class BookingServiceModule {
  static register(application: BookingApplication): DynamicModule {
    describeRules(bookingRuleSchemas);
    return serviceModule(BookingServiceModule, application, [AppointmentsController, AppointmentChangesController]);
  }
}
