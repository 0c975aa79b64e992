import { DomainError } from '@app/eventstore/decider';
import type { AppointmentDetails } from './booking.events';

/** GP Connect limits: longer text is refused, never truncated. */
export const textLimits = {
  description: 100,
  comment: 500,
  reasonableAdjustment: 200,
  reasonableAdjustments: 20,
  reason: 200,
  patientName: 200,
} as const;

const invalid = (code: string, field: string, message: string) => new DomainError(code, `${field}: ${message}`, 'invalid');

/** The text rules for what a booker writes; the HTTP layer checks the same limits first (400), this guards the domain. */
export function checkDetails(details: AppointmentDetails): void {
  const { description, comment, reasonableAdjustments } = details;
  if (description.trim() === '' || description.length > textLimits.description) {
    throw invalid('description_invalid', 'description', `must be 1 to ${textLimits.description} characters`);
  }
  if (comment !== undefined && comment.length > textLimits.comment) throw invalid('comment_invalid', 'comment', `must be at most ${textLimits.comment} characters`);
  if (reasonableAdjustments === undefined) return;
  if (reasonableAdjustments.length > textLimits.reasonableAdjustments) {
    throw invalid('reasonable_adjustments_invalid', 'reasonableAdjustments', `at most ${textLimits.reasonableAdjustments} items`);
  }
  const tooLong = reasonableAdjustments.findIndex((item) => item.trim() === '' || item.length > textLimits.reasonableAdjustment);
  if (tooLong >= 0) throw invalid('reasonable_adjustments_invalid', `reasonableAdjustments[${tooLong}]`, `must be 1 to ${textLimits.reasonableAdjustment} characters`);
}

/** A reason (cancellation, rebook, attendance): required where asked for, at most 200 characters. */
export function checkReason(reason: string | undefined, required: boolean): void {
  if (reason === undefined ? required : reason.trim() === '' || reason.length > textLimits.reason) {
    throw invalid('reason_invalid', 'reason', `must be 1 to ${textLimits.reason} characters`);
  }
}
