import { Controller, Get, Param } from '@nestjs/common';
import { isValidNhsNumber } from '@app/contracts';
import { InvalidInputException } from '@app/service-kit';
import { RegistryApplication } from '../application/registry.application';

@Controller('registry')
export class RegistryController {
  constructor(private readonly registry: RegistryApplication) {}

  /** Any authenticated service may look a patient up (for example a 111 call handler during reassessment). */
  @Get('patients/:nhsNumber/appointments')
  async patientAppointments(@Param('nhsNumber') nhsNumber: string) {
    if (!isValidNhsNumber(nhsNumber)) {
      throw new InvalidInputException([{ field: 'nhsNumber', message: 'must be a 10-digit NHS number with a valid modulus-11 check digit' }]);
    }
    const entries = await this.registry.liveEntries(nhsNumber);
    return {
      items: entries.map((entry) => ({
        entryId: entry.id,
        appointmentId: entry.appointmentId,
        status: entry.status,
        organisation: entry.organisation,
        serviceType: entry.serviceType,
        start: entry.start,
        end: entry.end,
      })),
    };
  }
}
