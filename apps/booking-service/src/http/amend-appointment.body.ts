import { plainToInstance } from 'class-transformer';
import { IsOptional, ValidateIf, validateSync } from 'class-validator';
import { InvalidInputException, flattenValidationErrors } from '@app/service-kit';
import type { AmendBooking } from '../domain/booking.commands';
import { textLimits } from '../domain/appointment-text';
import { LimitedText, ReasonableAdjustments } from './appointment-text.validators';

export const amendableFields = ['description', 'comment', 'reasonableAdjustments'] as const;

/** A PATCH body: the amendable fields; `null` removes the comment or the adjustments. */
class AmendAppointmentDto {
  // Present means replace: the description is required, so null is refused here.
  @ValidateIf((body: AmendAppointmentDto) => body.description !== undefined) @LimitedText('description', textLimits.description)
  description?: string;

  @IsOptional() @LimitedText('comment', textLimits.comment)
  comment?: string | null;

  @IsOptional() @ReasonableAdjustments()
  reasonableAdjustments?: string[] | null;
}

export type ParsedAmendment = { changes: AmendBooking['changes'] } | { notAmendable: string[] };

/**
 * Reads a PATCH body. Fields that may not be amended are named (422: time and place change only through reschedule
 * or rebook); amendable ones follow the text rules of a booking (400 naming the field).
 */
export function parseAmendment(body: unknown): ParsedAmendment {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new InvalidInputException([{ field: 'body', message: 'must be a JSON object with description, comment or reasonableAdjustments' }]);
  }
  const notAmendable = Object.keys(body).filter((field) => !(amendableFields as readonly string[]).includes(field));
  if (notAmendable.length > 0) return { notAmendable };
  const errors = validateSync(plainToInstance(AmendAppointmentDto, body));
  if (errors.length > 0) throw new InvalidInputException(flattenValidationErrors(errors));
  const { description, comment, reasonableAdjustments } = body as AmendAppointmentDto;
  return { changes: { description, comment, reasonableAdjustments } };
}
