import type { BookingAmendedV1, BookingCancelledV1, BookingConfirmedV1, SlotDetails } from '@app/contracts';
import type { AppointmentPlace, BookingAmendment, BookingCancellation, ConfirmedBooking } from '../domain/appointment';

// Inbound mappers: booking.events.v1 as the contract has it → what the notification domain reads of it. The only
// place both sides meet, so either can change alone.

/** The place of a slot (BookingConfirmed and BookingRescheduled carry the slot's details). */
export const placeOf = ({ start, end, serviceType, deliveryChannel, organisation, organisationName, location, federations }: SlotDetails): AppointmentPlace => ({
  start,
  end,
  serviceType,
  deliveryChannel,
  organisation,
  organisationName,
  location,
  federations,
});

export const confirmedBookingOf = (booking: BookingConfirmedV1): ConfirmedBooking => ({
  ...placeOf(booking),
  bookingId: booking.bookingId,
  patient: booking.patient,
  supporter: booking.supporter,
  description: booking.description,
  comment: booking.comment,
  reasonableAdjustments: booking.reasonableAdjustments,
  bookedBy: booking.bookedBy,
  supersedes: booking.supersedes,
});

/** `changed` may be absent from an amendment published before it existed: the domain reads that as the details. */
export const amendmentOf = ({ description, comment, reasonableAdjustments, patientContact, supporter, changed }: BookingAmendedV1): BookingAmendment => ({
  description,
  comment,
  reasonableAdjustments,
  patientContact,
  supporter,
  changed,
});

export const cancellationOf = ({ reason, supersededBy }: BookingCancelledV1): BookingCancellation => ({ reason, supersededBy });
