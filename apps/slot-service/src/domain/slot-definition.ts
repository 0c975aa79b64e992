import type { SlotDefinition } from './slot.events';
import { canonicalJson } from '@app/eventstore/canonical-json';

export const maxSlotLengthMs = 24 * 3600 * 1000;
export const maxCapacity = 1000;
export const maxTextLength = 200;

/** A broken publishing rule, naming the field of the slot that breaks it. */
export interface DefinitionProblem {
  field: string;
  code: string;
  message: string;
}

const isInstant = (value: string | undefined) => value !== undefined && !Number.isNaN(Date.parse(value));

/** Every publishing rule the definition breaks (none: it may be published). */
export function definitionProblems(slot: SlotDefinition): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  const start = Date.parse(slot.start);
  const end = Date.parse(slot.end);
  if (!isInstant(slot.start)) problems.push({ field: 'start', code: 'slot_time_invalid', message: 'start must be an instant' });
  if (!isInstant(slot.end)) problems.push({ field: 'end', code: 'slot_time_invalid', message: 'end must be an instant' });
  else if (end <= start) problems.push({ field: 'end', code: 'slot_ends_before_start', message: 'a slot must end after it starts' });
  else if (end - start > maxSlotLengthMs) problems.push({ field: 'end', code: 'slot_too_long', message: 'a slot lasts at most 24 hours' });
  if (!Number.isInteger(slot.capacity) || slot.capacity < 1 || slot.capacity > maxCapacity) {
    problems.push({ field: 'capacity', code: 'slot_capacity_invalid', message: `capacity must be a whole number from 1 to ${maxCapacity}` });
  }
  for (const field of ['location', 'practitionerRole'] as const) {
    if ((slot[field]?.length ?? 0) > maxTextLength) {
      problems.push({ field, code: 'text_too_long', message: `${field} must be at most ${maxTextLength} characters` });
    }
  }
  const { organisationName } = slot;
  if (organisationName !== undefined && (organisationName.trim() === '' || organisationName.length > maxTextLength)) {
    problems.push({ field: 'organisationName', code: 'organisation_name_invalid', message: `organisationName must be 1 to ${maxTextLength} characters, not blank` });
  }
  if (slot.visibleFrom !== undefined && !isInstant(slot.visibleFrom)) {
    problems.push({ field: 'visibleFrom', code: 'slot_time_invalid', message: 'visibleFrom must be an instant' });
  }
  return problems;
}

/** Whether two definitions say the same, whatever the order of their fields. */
export const sameDefinition = (a: SlotDefinition, b: SlotDefinition): boolean => canonicalJson(a) === canonicalJson(b);
