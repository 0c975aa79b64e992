import { IsOptional, ValidateIf } from 'class-validator';
import { InvalidInputException, validatedAs } from '@app/service-kit';
import type { AmendBooking } from '../domain/booking.commands';
import { textLimits } from '../domain/appointment-text';
import { LimitedText, ReasonableAdjustments } from './appointment-text.validators';
import { Nested, PatientContactDto, SupporterDto } from './contact-details.dtos';

export const amendableFields = ['description', 'comment', 'reasonableAdjustments', 'patient.contact', 'supporter'] as const;

/** Of the patient, only the contact may be amended. */
class AmendPatientDto {
  @IsOptional() @Nested(() => PatientContactDto)
  contact?: PatientContactDto | null;
}

/** A PATCH body: the amendable fields; `null` removes the comment, the adjustments, the patient's contact or the supporter. */
class AmendAppointmentDto {
  // Present means replace: the description is required, so null is refused here.
  @ValidateIf((body: AmendAppointmentDto) => body.description !== undefined) @LimitedText('description', textLimits.description)
  description?: string;

  @IsOptional() @LimitedText('comment', textLimits.comment)
  comment?: string | null;

  @IsOptional() @ReasonableAdjustments()
  reasonableAdjustments?: string[] | null;

  @ValidateIf((body: AmendAppointmentDto) => body.patient !== undefined) @Nested(() => AmendPatientDto)
  patient?: AmendPatientDto;

  @IsOptional() @Nested(() => SupporterDto)
  supporter?: SupporterDto | null;
}

export type ParsedAmendment = { changes: AmendBooking['changes'] } | { notAmendable: string[] };

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Fields named in the body that may not be amended: any top-level one but ours, and any of the patient's but `contact`. */
function notAmendableIn(body: Record<string, unknown>): string[] {
  const topLevel = Object.keys(body).filter((field) => !['description', 'comment', 'reasonableAdjustments', 'patient', 'supporter'].includes(field));
  const ofPatient = isObject(body.patient) ? Object.keys(body.patient).filter((field) => field !== 'contact').map((field) => `patient.${field}`) : [];
  return [...topLevel, ...ofPatient];
}

/**
 * Reads a PATCH body. Fields that may not be amended are named (422: time and place change only through reschedule
 * or rebook, the patient's identity not at all); amendable ones follow the rules of a booking (400 naming the field,
 * unknown fields inside the contact or supporter refused).
 */
export function parseAmendment(body: unknown): ParsedAmendment {
  if (!isObject(body)) {
    throw new InvalidInputException([{ field: 'body', message: `must be a JSON object with ${amendableFields.join(', ')}` }]);
  }
  const notAmendable = notAmendableIn(body);
  if (notAmendable.length > 0) return { notAmendable };
  const { description, comment, reasonableAdjustments, patient, supporter } = validatedAs(AmendAppointmentDto, body);
  return { changes: { description, comment, reasonableAdjustments, patientContact: patient?.contact, supporter } };
}
