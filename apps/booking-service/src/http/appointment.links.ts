import { amendExample, cancelExample } from './appointment.examples';

/** Where a client (or the fuzzer) goes next with an appointment it was given: read it, amend it, cancel it. */
export const appointmentLinks = {
  GetAppointment: { operationId: 'AppointmentsController_get', parameters: { id: '$response.body#/id' } },
  AmendAppointment: {
    operationId: 'AppointmentChangesController_amend',
    parameters: { id: '$response.body#/id', 'header.If-Match': '$response.header.ETag' },
    requestBody: amendExample,
  },
  CancelAppointment: { operationId: 'AppointmentChangesController_cancel', parameters: { id: '$response.body#/id' }, requestBody: cancelExample },
};
