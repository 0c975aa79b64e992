import { checkDetails } from './appointment-text';
import type { AmendBooking } from './booking.commands';
import type { AmendableField, AmendableValues, BookingEvent } from './booking.events';
import { requireFuture, requireStatus } from './booking-rules';
import type { BookingState } from './booking.state';
import { checkPatientContact, checkSupporter } from './contact-details';
import { canonicalJson } from '@app/eventstore/canonical-json';

const amendableFields: AmendableField[] = ['description', 'comment', 'reasonableAdjustments', 'patientContact', 'supporter'];

const withoutEmpty = (values: AmendableValues): AmendableValues =>
  Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined && value !== null)) as AmendableValues;

/** A change: `null` removes, absent keeps the current value. */
const changedTo = <T>(change: T | null | undefined, current: T | undefined): T | undefined => (change === null ? undefined : (change ?? current));

/**
 * The booker's text, the patient's contact and the supporter; time and place change through reschedule or rebook.
 * The event carries the whole new values and names the fields that changed; no change, no event.
 */
export function amendBooking(command: AmendBooking, state: BookingState): BookingEvent[] {
  requireStatus(state, ['pending', 'booked'], 'booking_not_amendable', 'amended');
  requireFuture(state.place?.start, command.at, 'amended');
  const { changes } = command;
  const current: AmendableValues = withoutEmpty({ ...state.details!, patientContact: state.patient?.contact, supporter: state.supporter });
  const next = withoutEmpty({
    description: changes.description ?? current.description,
    comment: changedTo(changes.comment, current.comment),
    reasonableAdjustments: changedTo(changes.reasonableAdjustments, current.reasonableAdjustments),
    patientContact: changedTo(changes.patientContact, current.patientContact),
    supporter: changedTo(changes.supporter, current.supporter),
  });
  checkDetails(next);
  // Only what is given now: a contact stored under older rules does not block changing the text.
  if (changes.patientContact) checkPatientContact(changes.patientContact);
  if (changes.supporter) checkSupporter(changes.supporter);
  const changed = amendableFields.filter((field) => canonicalJson(next[field] ?? null) !== canonicalJson(current[field] ?? null));
  if (changed.length === 0) return [];
  return [{ type: 'BookingAmended', data: { bookingId: state.request!.bookingId, ...next, changed } }];
}
